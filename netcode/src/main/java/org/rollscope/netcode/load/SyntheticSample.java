package org.rollscope.netcode.load;

import org.json.JSONObject;
import org.rollscope.netcode.health.PeerSample;

/**
 * Builds the {@code peer_telemetry} payload of a telemetry-only peer: every field of telemetry.md §1 (a
 * {@link PeerSample} row) with plausible values that move like a running session's, so that the relay parses,
 * stamps and re-serialises as much as it does for a real peer. Stateless; any thread.
 */
final class SyntheticSample {
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
    static JSONObject of(String gameId, String playerId, long seq, long tMs, double rateHz, String transport,
                         long inputsSentRelay, long inputsRecvRelay) {
        int frame = (int) Math.round(seq * GAME_FPS / rateHz);
        boolean forced = PeerSample.TRANSPORT_RELAY.equals(transport);
        long wobble = (seq * 7 + playerId.hashCode()) % 5; // deterministic variety, not noise
        return new JSONObject()
                .put("game_id", gameId)
                .put("player_id", playerId)
                .put("seq", seq)
                .put("t_ms", tMs)
                .put("state", PeerSample.STATE_RUNNING)
                .put("episode", 0)
                .put("frame", frame)
                .put("confirmed_frame", Math.max(-1, frame - 2))
                .put("verified_frame", Math.max(-1, frame - 4))
                .put("remote_frame", Math.max(0, frame - 1))
                .put("frame_advantage", 0.5 - wobble / 4.0)
                .put("rollbacks", seq / 3)
                .put("rollback_frames", seq / 3 * 2)
                .put("last_rollback_depth", 2)
                .put("max_rollback_depth", 5)
                .put("predicted_frames", (int) wobble % 3)
                .put("stalls", 0)
                .put("rtt_ms", 12.0 + wobble)
                .put("relay_rtt_ms", 20.0 + wobble)
                .put("gap_rate", wobble / 100.0)
                .put("buffered_amount", wobble * 64)
                .put("transport", transport)
                .put("transport_reason", forced ? "forced" : "ok")
                .put("inputs_sent_p2p", frame)
                .put("inputs_sent_relay", inputsSentRelay)
                .put("inputs_recv_p2p", Math.max(0, frame - 1))
                .put("inputs_recv_relay", inputsRecvRelay)
                .put("desyncs", 0)
                .put("last_desync_frame", JSONObject.NULL)
                .put("fps", (double) GAME_FPS)
                .put("step_ms", 0.4)
                .put("link", JSONObject.NULL);
    }
}
