package org.rollscope.netcode.timeline;

import java.util.ArrayList;
import java.util.List;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The documented column order of the CSV exports. Samples: every field of telemetry.md §1 in the spec's order, with
 * {@code link} flattened as {@code link.latency_ms} ... {@code link.bandwidth_kbps}. Unknown values are empty cells
 * (pandas reads them as NaN), never 0. Events: {@code game_id, player_id, t_ms, kind, detail}. Shared by the
 * console's export and the relay archive's, so both write the same columns.
 */
public final class TimelineColumns {

    public static final List<String> SAMPLE_COLUMNS = List.of(
            "game_id", "player_id", "seq", "t_ms", "state", "episode", "frame", "confirmed_frame", "verified_frame",
            "remote_frame", "frame_advantage", "rollbacks", "rollback_frames", "last_rollback_depth",
            "max_rollback_depth", "predicted_frames", "stalls", "rtt_ms", "relay_rtt_ms", "gap_rate", "buffered_amount",
            "transport", "transport_reason", "inputs_sent_p2p", "inputs_sent_relay", "inputs_recv_p2p",
            "inputs_recv_relay", "desyncs", "last_desync_frame", "fps", "step_ms",
            "link.latency_ms", "link.jitter_ms", "link.loss", "link.duplicate", "link.reorder", "link.bandwidth_kbps",
            "source");

    /** Columns every row fills whatever the source: which seat, which sample, when, and from where. */
    private static final java.util.Set<String> ALWAYS = java.util.Set.of("game_id", "player_id", "seq", "t_ms",
            "source");

    public static final List<String> EVENT_COLUMNS = List.of("game_id", "player_id", "t_ms", "kind", "detail");

    private TimelineColumns() {}

    /** A row of every field, as a relay reports them all; {@code null} for an unknown value. */
    public static List<Object> sampleRow(PeerSample s) {
        return sampleRow(s, null, field -> true);
    }

    /**
     * A row in {@link #SAMPLE_COLUMNS} order. Fields {@code reported} says the source does not fill in are empty
     * cells (unknown, never the placeholder the record had to hold); {@code source} names where the row came from.
     */
    public static List<Object> sampleRow(PeerSample s, String source, java.util.function.Predicate<String> reported) {
        List<Object> row = new ArrayList<>(SAMPLE_COLUMNS.size());
        row.add(s.gameId());
        row.add(s.playerId());
        row.add(s.seq());
        row.add(s.tMs());
        row.add(s.state());
        row.add(s.episode());
        row.add(s.frame());
        row.add(s.confirmedFrame());
        row.add(s.verifiedFrame());
        row.add(s.remoteFrame());
        row.add(s.frameAdvantage());
        row.add(s.rollbacks());
        row.add(s.rollbackFrames());
        row.add(s.lastRollbackDepth());
        row.add(s.maxRollbackDepth());
        row.add(s.predictedFrames());
        row.add(s.stalls());
        row.add(s.rttMs());
        row.add(s.relayRttMs());
        row.add(s.gapRate());
        row.add(s.bufferedAmount());
        row.add(s.transport());
        row.add(s.transportReason());
        row.add(s.inputsSentP2p());
        row.add(s.inputsSentRelay());
        row.add(s.inputsRecvP2p());
        row.add(s.inputsRecvRelay());
        row.add(s.desyncs());
        row.add(s.lastDesyncFrame());
        row.add(s.fps());
        row.add(s.stepMs());
        LinkProfile l = s.link();
        row.add(l == null ? null : l.latencyMs());
        row.add(l == null ? null : l.jitterMs());
        row.add(l == null ? null : l.loss());
        row.add(l == null ? null : l.duplicate());
        row.add(l == null ? null : l.reorder());
        row.add(l == null ? null : l.bandwidthKbps());
        // A relay carries MUG probe rows too: they name both, e.g. "mug-probe via relay http://...".
        row.add(s.source() == null ? source : source == null ? s.source() : s.source() + " via " + source);
        for (int i = 0; i < row.size(); i++) {
            String column = SAMPLE_COLUMNS.get(i);
            String field = column.startsWith("link.") ? "link" : column;
            if (!ALWAYS.contains(column) && (!reported.test(field) || !s.reports(field))) {
                row.set(i, null);
            }
        }
        return row;
    }

    /** One CSV row of an event, in {@link #EVENT_COLUMNS} order. */
    public static List<Object> eventRow(TimelineEvent e) {
        List<Object> row = new ArrayList<>(EVENT_COLUMNS.size());
        row.add(e.gameId());
        row.add(e.playerId());
        row.add(e.tMs());
        row.add(e.kind());
        row.add(e.detail());
        return row;
    }
}
