package org.rollscope.netcode.engine;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The episode export: one CSV row per confirmed frame, header first, {@code \n} line ends, UTF-8.
 *
 * <p>Columns, in order:
 * <ol>
 *   <li>{@code episode}: 0-based episode index</li>
 *   <li>{@code frame}: 0-based frame within the episode</li>
 *   <li>{@code action_0}, {@code action_1}: each player's action at the frame</li>
 *   <li>{@code reward_0}, {@code reward_1}: each player's reward for the frame (Java's shortest round-trip decimal
 *       form, e.g. {@code 0.0}, {@code 1.0}: the same double always prints the same)</li>
 *   <li>{@code terminal}, {@code truncated}: {@code true}/{@code false}</li>
 *   <li>{@code state_hash}: 16 lowercase hex digits, the game's hash after the frame</li>
 *   <li>{@code local.predicted}: this peer first simulated the frame with a predicted input</li>
 *   <li>{@code local.unconfirmed}: this peer exported the frame unconfirmed (episode-end timeout)</li>
 *   <li>{@code local.t_ms}: this peer's clock (ms) when it first simulated the frame</li>
 *   <li>{@code local.confirmed_t_ms}: this peer's clock (ms) when the frame was confirmed</li>
 * </ol>
 * Columns prefixed {@code local.} legitimately differ between the peers; every other column is identical in both
 * peers' exports (and in a lockstep replay). A lockstep export has {@code local.predicted = false} and the step
 * index as its times.
 */
public final class EpisodeCsv {

    /** The header row, without line end. */
    public static final String HEADER = "episode,frame,action_0,action_1,reward_0,reward_1,terminal,truncated,"
            + "state_hash,local.predicted,local.unconfirmed,local.t_ms,local.confirmed_t_ms";

    /** The prefix of the columns that legitimately differ between peers; parity compares every other column. */
    public static final String LOCAL_PREFIX = "local.";

    /** The columns of {@link #HEADER}, in order. */
    public static final List<String> COLUMNS = List.of(HEADER.split(","));

    private EpisodeCsv() {}

    /**
     * True when the two rows agree on every column whose name lacks the {@link #LOCAL_PREFIX}. The comparison goes by
     * column name over the exported text, so a shared column added to the export is compared without anyone having
     * to remember this method.
     */
    public static boolean sameSharedColumns(FrameRecord a, FrameRecord b) {
        String[] x = cells(a);
        String[] y = cells(b);
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (!COLUMNS.get(i).startsWith(LOCAL_PREFIX) && !x[i].equals(y[i])) {
                return false;
            }
        }
        return true;
    }

    /** Writes the header and one row per record. Does not close the writer. */
    public static void write(Writer out, List<FrameRecord> rows) throws IOException {
        out.write(HEADER);
        out.write('\n');
        StringBuilder sb = new StringBuilder(128);
        for (FrameRecord r : rows) {
            sb.setLength(0);
            appendRow(sb, r);
            out.append(sb);
        }
    }

    /** Appends one row with its line end. */
    public static void appendRow(StringBuilder sb, FrameRecord r) {
        sb.append(r.episode()).append(',').append(r.frame()).append(',')
                .append(r.action0()).append(',').append(r.action1()).append(',')
                .append(Double.toString(r.reward0())).append(',').append(Double.toString(r.reward1())).append(',')
                .append(r.terminal()).append(',').append(r.truncated()).append(',')
                .append(hex16(r.stateHash())).append(',')
                .append(r.localPredicted()).append(',').append(r.localUnconfirmed()).append(',')
                .append(r.localSimulatedMs()).append(',').append(r.localConfirmedMs()).append('\n');
    }

    private static String[] cells(FrameRecord r) {
        StringBuilder sb = new StringBuilder(128);
        appendRow(sb, r);
        String[] cells = sb.substring(0, sb.length() - 1).split(",", -1);
        if (cells.length != COLUMNS.size()) {
            throw new IllegalStateException("row has " + cells.length + " cells, header " + COLUMNS.size());
        }
        return cells;
    }

    /** A hash as 16 lowercase hex digits. */
    public static String hex16(long hash) {
        return String.format(Locale.ROOT, "%016x", hash);
    }
}
