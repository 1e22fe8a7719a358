package org.rollscope.e2e.mug;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One episode as MUG's server stored it ({@code <subject>_ep<N>.csv}, written by pandas from the page's
 * {@code emit_episode_data}): a header and one row per frame. MUG pads every list to the longest one, and its
 * {@code rollbackEvents} list can be longer than the episode, so rows past the last frame (empty {@code t}) are
 * padding: {@link #frameRows()} leaves them out.
 */
public record EpisodeCsv(Path file, List<String> header, List<Map<String, String>> rows) {

    /**
     * Columns that record each page's own view, not the game: MUG's own parity check leaves out exactly these
     * (tests/validate_action_sequences.py, COLUMNS_EXCLUDE_FROM_COMPARE, at the pinned commit).
     */
    public static final Set<String> CLIENT_LOCAL_COLUMNS =
            Set.of("timestamp", "rollbackEvents", "wasSpeculative", "isFocused.0", "isFocused.1");

    public static EpisodeCsv read(Path file) throws IOException {
        List<List<String>> records = CsvRecords.parse(Files.readString(file));
        if (records.isEmpty()) throw new IOException(file + " is empty");
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() != header.size()) {
                throw new IOException(file + ": a row has " + record.size() + " fields, the header " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) row.put(header.get(i), record.get(i));
            rows.add(row);
        }
        return new EpisodeCsv(file, List.copyOf(header), List.copyOf(rows));
    }

    /** The rows that are frames (MUG's frame number {@code t} set), in order. */
    public List<Map<String, String>> frameRows() {
        requireColumn("t");
        return rows.stream().filter(r -> !r.get("t").isEmpty()).toList();
    }

    /** The values of one column over {@link #frameRows()}. */
    public List<String> column(String name) {
        requireColumn(name);
        return frameRows().stream().map(r -> r.get(name)).toList();
    }

    /**
     * The frame rate the page reached in this episode: frames over the span of their {@code timestamp}s (the page's
     * own clock, ms). NaN for fewer than two frames.
     */
    public double framesPerSecond() {
        List<String> stamps = column("timestamp");
        if (stamps.size() < 2) return Double.NaN;
        double spanMs = Double.parseDouble(stamps.get(stamps.size() - 1)) - Double.parseDouble(stamps.get(0));
        return (stamps.size() - 1) / (spanMs / 1000.0);
    }

    private void requireColumn(String name) {
        if (!header.contains(name)) throw new IllegalArgumentException(file + " has no column " + name + "; it has " + header);
    }

    /**
     * Every way this episode differs from another page's record of it, leaving out {@link #CLIENT_LOCAL_COLUMNS}:
     * columns only one side has, a different frame count, and the first differing cells (at most {@code limit}).
     * Empty means the two pages recorded the same game.
     */
    public List<String> differencesFrom(EpisodeCsv other, int limit) {
        return differencesFrom(other, limit, 0);
    }

    /**
     * As {@link #differencesFrom(EpisodeCsv, int)}, but the last {@code trailingRowsLeftOut} frames are not compared.
     * For MUG's own episode-end export after its "[Input Confirmation] Timeout ... (data may diverge)": MUG then
     * writes its last input-delay frames with inputs it never received (pyodide_multiplayer_game.js ~2861), on its
     * own, with or without Rollscope in the page; every earlier frame must still be identical.
     */
    public List<String> differencesFrom(EpisodeCsv other, int limit, int trailingRowsLeftOut) {
        List<String> out = new ArrayList<>();
        Set<String> mine = comparable(header);
        Set<String> theirs = comparable(other.header);
        if (!mine.equals(theirs)) out.add("columns differ: " + mine + " vs " + theirs);
        List<Map<String, String>> frames = frameRows();
        List<Map<String, String>> otherFrames = other.frameRows();
        if (frames.size() != otherFrames.size()) out.add("frame counts differ: " + frames.size() + " vs " + otherFrames.size());
        mine.retainAll(theirs);
        int compared = Math.max(0, Math.min(frames.size(), otherFrames.size()) - trailingRowsLeftOut);
        for (int i = 0; i < compared && out.size() < limit; i++) {
            for (String column : mine) {
                String a = frames.get(i).get(column);
                String b = otherFrames.get(i).get(column);
                if (!sameCell(a, b) && out.size() < limit) out.add("row " + i + " " + column + ": " + a + " vs " + b);
            }
        }
        return out;
    }

    /**
     * Equal text, or equal numbers: pandas writes an integer column as {@code 4.0} once padding gave it an empty
     * cell, and whether a page's file is padded depends on its own rollback count, not on the game.
     */
    static boolean sameCell(String a, String b) {
        if (a.equals(b)) return true;
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }

    /** A cell holding an integer as pandas may write it ("7" or "7.0"), or empty when the cell is. */
    public static java.util.OptionalLong integer(String cell) {
        if (cell == null || cell.isEmpty()) return java.util.OptionalLong.empty();
        double value = Double.parseDouble(cell);
        if (value != Math.rint(value)) throw new NumberFormatException("not an integer: " + cell);
        return java.util.OptionalLong.of((long) value);
    }

    private static Set<String> comparable(List<String> header) {
        Set<String> columns = new TreeSet<>(header);
        columns.removeAll(CLIENT_LOCAL_COLUMNS);
        return columns;
    }
}
