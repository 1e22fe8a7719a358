package org.rollscope.netcode.archive;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * A {@link PeerSample} as a row of {@code samples} and back, exactly: every value the record holds comes back equal
 * (doubles are stored as 8-byte floats on both databases), and an unknown value stays NULL. That is what makes an
 * export from the archive equal, cell for cell, to one the console recorded live.
 */
final class Columns {
    /** The columns of {@code samples}, in the order {@link #bind} and {@link #read} use. */
    static final String SAMPLE_COLUMNS = "game_id, player_id, seq, t_ms, state, episode, frame, confirmed_frame, "
            + "verified_frame, remote_frame, frame_advantage, rollbacks, rollback_frames, last_rollback_depth, "
            + "max_rollback_depth, predicted_frames, stalls, rtt_ms, relay_rtt_ms, gap_rate, buffered_amount, "
            + "transport, transport_reason, inputs_sent_p2p, inputs_sent_relay, inputs_recv_p2p, inputs_recv_relay, "
            + "desyncs, last_desync_frame, fps, step_ms, link_latency_ms, link_jitter_ms, link_loss, link_duplicate, "
            + "link_reorder, link_bandwidth_kbps";
    static final String INSERT_SAMPLE = "INSERT INTO samples (" + SAMPLE_COLUMNS + ") VALUES ("
            + "?, ".repeat(36) + "?)";
    static final String INSERT_EVENT =
            "INSERT INTO events (game_id, player_id, t_ms, kind, detail, event_no) VALUES (?, ?, ?, ?, ?, ?)";

    private Columns() {
    }

    static void bind(PreparedStatement p, PeerSample s) throws SQLException {
        int i = 1;
        p.setString(i++, s.gameId());
        p.setString(i++, s.playerId());
        p.setLong(i++, s.seq());
        p.setLong(i++, s.tMs());
        p.setString(i++, s.state());
        p.setInt(i++, s.episode());
        p.setInt(i++, s.frame());
        p.setInt(i++, s.confirmedFrame());
        p.setInt(i++, s.verifiedFrame());
        p.setInt(i++, s.remoteFrame());
        setDouble(p, i++, s.frameAdvantage());
        p.setLong(i++, s.rollbacks());
        p.setLong(i++, s.rollbackFrames());
        p.setInt(i++, s.lastRollbackDepth());
        p.setInt(i++, s.maxRollbackDepth());
        p.setInt(i++, s.predictedFrames());
        p.setLong(i++, s.stalls());
        setDouble(p, i++, s.rttMs());
        setDouble(p, i++, s.relayRttMs());
        setDouble(p, i++, s.gapRate());
        setLong(p, i++, s.bufferedAmount());
        p.setString(i++, s.transport());
        p.setString(i++, s.transportReason());
        p.setLong(i++, s.inputsSentP2p());
        p.setLong(i++, s.inputsSentRelay());
        p.setLong(i++, s.inputsRecvP2p());
        p.setLong(i++, s.inputsRecvRelay());
        p.setLong(i++, s.desyncs());
        if (s.lastDesyncFrame() == null) {
            p.setNull(i++, Types.INTEGER);
        } else {
            p.setInt(i++, s.lastDesyncFrame());
        }
        setDouble(p, i++, s.fps());
        setDouble(p, i++, s.stepMs());
        LinkProfile l = s.link();
        setDouble(p, i++, l == null ? null : l.latencyMs());
        setDouble(p, i++, l == null ? null : l.jitterMs());
        setDouble(p, i++, l == null ? null : l.loss());
        setDouble(p, i++, l == null ? null : l.duplicate());
        setDouble(p, i++, l == null ? null : l.reorder());
        setDouble(p, i, l == null ? null : l.bandwidthKbps());
    }

    /** The sample of the current row of a {@code SELECT SAMPLE_COLUMNS ...}. */
    static PeerSample read(ResultSet rs) throws SQLException {
        int i = 1;
        String gameId = rs.getString(i++);
        String playerId = rs.getString(i++);
        long seq = rs.getLong(i++);
        long tMs = rs.getLong(i++);
        String state = rs.getString(i++);
        int episode = rs.getInt(i++);
        int frame = rs.getInt(i++);
        int confirmedFrame = rs.getInt(i++);
        int verifiedFrame = rs.getInt(i++);
        int remoteFrame = rs.getInt(i++);
        Double frameAdvantage = getDouble(rs, i++);
        long rollbacks = rs.getLong(i++);
        long rollbackFrames = rs.getLong(i++);
        int lastRollbackDepth = rs.getInt(i++);
        int maxRollbackDepth = rs.getInt(i++);
        int predictedFrames = rs.getInt(i++);
        long stalls = rs.getLong(i++);
        Double rttMs = getDouble(rs, i++);
        Double relayRttMs = getDouble(rs, i++);
        Double gapRate = getDouble(rs, i++);
        Long bufferedAmount = getLong(rs, i++);
        String transport = rs.getString(i++);
        String transportReason = rs.getString(i++);
        long sentP2p = rs.getLong(i++);
        long sentRelay = rs.getLong(i++);
        long recvP2p = rs.getLong(i++);
        long recvRelay = rs.getLong(i++);
        long desyncs = rs.getLong(i++);
        Long lastDesync = getLong(rs, i++);
        Double fps = getDouble(rs, i++);
        Double stepMs = getDouble(rs, i++);
        Double latency = getDouble(rs, i++);
        LinkProfile link = latency == null ? null : new LinkProfile(latency, getDouble(rs, i++), getDouble(rs, i++),
                getDouble(rs, i++), getDouble(rs, i++), getDouble(rs, i));
        return new PeerSample(gameId, playerId, seq, tMs, state, episode, frame, confirmedFrame, verifiedFrame,
                remoteFrame, frameAdvantage == null ? Double.NaN : frameAdvantage, rollbacks, rollbackFrames,
                lastRollbackDepth, maxRollbackDepth, predictedFrames, stalls, rttMs, relayRttMs, gapRate,
                bufferedAmount, transport, transportReason, sentP2p, sentRelay, recvP2p, recvRelay, desyncs,
                lastDesync == null ? null : lastDesync.intValue(), fps, stepMs, link);
    }

    static void setDouble(PreparedStatement p, int index, Double value) throws SQLException {
        // SQLite stores NaN as NULL anyway; say so on both databases rather than differ.
        if (value == null || value.isNaN()) {
            p.setNull(index, Types.DOUBLE);
        } else {
            p.setDouble(index, value);
        }
    }

    static void setLong(PreparedStatement p, int index, Long value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, value);
        }
    }

    static Double getDouble(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
    }

    static Long getLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }
}
