package org.rollscope.netcode.archive;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The first schema: every sample (one column per field of telemetry.md §1, {@code link} flattened as
 * {@code link_latency_ms} ...) and every event, as the relay received them. Unknown values are NULL, never 0.
 * Released; never edit (make a new {@link Migration}).
 */
final class V1FirstSchema implements Migration {
    @Override
    public int version() {
        return 1;
    }

    @Override
    public String description() {
        return "samples and events";
    }

    @Override
    public void apply(Connection connection, Dialect dialect) throws SQLException {
        Migrations.execute(connection,
                "CREATE TABLE samples ("
                        + "game_id TEXT NOT NULL, player_id TEXT NOT NULL, seq BIGINT NOT NULL, t_ms BIGINT NOT NULL, "
                        + "state TEXT, episode INTEGER NOT NULL, frame INTEGER NOT NULL, "
                        + "confirmed_frame INTEGER NOT NULL, verified_frame INTEGER NOT NULL, "
                        + "remote_frame INTEGER NOT NULL, frame_advantage DOUBLE PRECISION, rollbacks BIGINT NOT NULL, "
                        + "rollback_frames BIGINT NOT NULL, last_rollback_depth INTEGER NOT NULL, "
                        + "max_rollback_depth INTEGER NOT NULL, predicted_frames INTEGER NOT NULL, "
                        + "stalls BIGINT NOT NULL, rtt_ms DOUBLE PRECISION, relay_rtt_ms DOUBLE PRECISION, "
                        + "gap_rate DOUBLE PRECISION, buffered_amount BIGINT, transport TEXT, transport_reason TEXT, "
                        + "inputs_sent_p2p BIGINT NOT NULL, inputs_sent_relay BIGINT NOT NULL, "
                        + "inputs_recv_p2p BIGINT NOT NULL, inputs_recv_relay BIGINT NOT NULL, "
                        + "desyncs BIGINT NOT NULL, last_desync_frame INTEGER, fps DOUBLE PRECISION, "
                        + "step_ms DOUBLE PRECISION, link_latency_ms DOUBLE PRECISION, "
                        + "link_jitter_ms DOUBLE PRECISION, link_loss DOUBLE PRECISION, "
                        + "link_duplicate DOUBLE PRECISION, link_reorder DOUBLE PRECISION, "
                        + "link_bandwidth_kbps DOUBLE PRECISION)",
                // Every read is one session over a time range, and so is retention's delete.
                "CREATE INDEX samples_by_game ON samples (game_id, t_ms)",
                "CREATE TABLE events (game_id TEXT NOT NULL, player_id TEXT, t_ms BIGINT NOT NULL, "
                        + "kind TEXT NOT NULL, detail TEXT NOT NULL)",
                "CREATE INDEX events_by_game ON events (game_id, t_ms)");
    }
}
