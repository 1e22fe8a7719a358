package org.rollscope.netcode.load;

import org.rollscope.netcode.health.PeerSample;

/**
 * Builds the {@code peer_telemetry} payload (JSON text) of a telemetry-only peer: every field of telemetry.md §1 (a
 * {@link PeerSample} row) with plausible values that move like a running session's, so that the relay parses,
 * stamps and re-serialises as much as it does for a real peer (public for the bench module's relay benchmark).
 * Stateless; any thread.
 */
public final class SyntheticSample {
    /** A simulated game runs at 60 fps, like MUG's. */
    static final int GAME_FPS = 60;

    private SyntheticSample() {
    }

    /**
     * @param seq the sample counter (0-based)
     * @param tMs wall-clock time of the sample, ms
     * @param rateHz samples per second (to advance the frame counter realistically)
     * @param transport {@code p2p} or {@code relay}
     * @param inputsSentRelay inputs this peer has relayed so far
     * @param inputsRecvRelay inputs this peer has received through the relay so far
     */
    public static String of(String gameId, String playerId, long seq, long tMs, double rateHz, String transport,
                     long inputsSentRelay, long inputsRecvRelay) {
        int frame = (int) Math.round(seq * GAME_FPS / rateHz);
        boolean forced = PeerSample.TRANSPORT_RELAY.equals(transport);
        long wobble = Math.floorMod(seq * 7 + playerId.hashCode(), 5); // deterministic variety, not noise
        // Written by hand rather than with org.json, whose writer runs a regex per number: at 2,000 samples a
        // second that was a large share of the driver's own CPU. Ids are [A-Za-z0-9_.-] (relay rule): no escaping.
        return new StringBuilder(900)
                .append("{\"game_id\":\"").append(gameId)
                .append("\",\"player_id\":\"").append(playerId)
                .append("\",\"seq\":").append(seq)
                .append(",\"t_ms\":").append(tMs)
                .append(",\"state\":\"").append(PeerSample.STATE_RUNNING)
                .append("\",\"episode\":0,\"frame\":").append(frame)
                .append(",\"confirmed_frame\":").append(Math.max(-1, frame - 2))
                .append(",\"verified_frame\":").append(Math.max(-1, frame - 4))
                .append(",\"remote_frame\":").append(Math.max(0, frame - 1))
                .append(",\"frame_advantage\":").append(0.5 - wobble / 4.0)
                .append(",\"rollbacks\":").append(seq / 3)
                .append(",\"rollback_frames\":").append(seq / 3 * 2)
                .append(",\"last_rollback_depth\":2,\"max_rollback_depth\":5,\"predicted_frames\":")
                .append(wobble % 3)
                .append(",\"stalls\":0,\"rtt_ms\":").append(12.0 + wobble)
                .append(",\"relay_rtt_ms\":").append(20.0 + wobble)
                .append(",\"gap_rate\":").append(wobble / 100.0)
                .append(",\"buffered_amount\":").append(wobble * 64)
                .append(",\"transport\":\"").append(transport)
                .append("\",\"transport_reason\":\"").append(forced ? "forced" : "ok")
                .append("\",\"inputs_sent_p2p\":").append(frame)
                .append(",\"inputs_sent_relay\":").append(inputsSentRelay)
                .append(",\"inputs_recv_p2p\":").append(Math.max(0, frame - 1))
                .append(",\"inputs_recv_relay\":").append(inputsRecvRelay)
                .append(",\"desyncs\":0,\"last_desync_frame\":null,\"fps\":").append((double) GAME_FPS)
                .append(",\"step_ms\":0.4,\"link\":null}")
                .toString();
    }
}
