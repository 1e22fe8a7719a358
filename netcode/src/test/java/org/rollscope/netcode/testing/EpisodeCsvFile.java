package org.rollscope.netcode.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * An episode CSV read by column name, for parity checks: every column whose name lacks the {@code local.} prefix is
 * shared and must be identical between the peers and the lockstep run. Going by name (not position) means a shared
 * column added anywhere in the export is compared too.
 */
public final class EpisodeCsvFile {
    private static final String LOCAL_PREFIX = "local.";

    private final Path file;
    private final List<String> header;
    private final List<String[]> rows;

    private EpisodeCsvFile(Path file, List<String> header, List<String[]> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /** Reads the file; a row whose cell count differs from the header's is an assertion failure. */
    public static EpisodeCsvFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new AssertionError(file + " is empty");
        }
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size()) {
                throw new AssertionError(file + " line " + (i + 1) + " has " + cells.length + " cells, header "
                        + header.size());
            }
            rows.add(cells);
        }
        return new EpisodeCsvFile(file, header, rows);
    }

    /** The header's column names, in order. */
    public List<String> header() {
        return header;
    }

    /** Rows (without the header). */
    public int rowCount() {
        return rows.size();
    }

    /** The cell of {@code column} in row {@code row} (0-based, header excluded). */
    public String cell(int row, String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new AssertionError(file + " has no column " + column + ": " + header);
        }
        return rows.get(row)[i];
    }

    /** The names of the shared columns: every one without the {@code local.} prefix, in header order. */
    public List<String> sharedColumns() {
        return header.stream().filter(c -> !c.startsWith(LOCAL_PREFIX)).toList();
    }

    /**
     * Every row as {@code name=value,...} over the shared columns, in header order, so two files compare equal exactly
     * when they agree on every shared column (and on which columns are shared).
     */
    public List<String> sharedRows() {
        List<String> shared = sharedColumns();
        List<String> out = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringJoiner j = new StringJoiner(",");
            for (String column : shared) {
                j.add(column + "=" + row[header.indexOf(column)]);
            }
            out.add(j.toString());
        }
        return out;
    }
}
