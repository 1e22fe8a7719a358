package org.rollscope.netcode.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * One telemetry sample of one peer: a row of telemetry.md §1, with the same names in snake_case on the wire and in
 * exports. Boxed fields are the ones the spec allows to be unknown ({@code null}), which is never the same as zero.
 *
 * <p>Immutable; built by the peer loop, read from any thread.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PeerSample(
        @JsonProperty("game_id") String gameId,
        @JsonProperty("player_id") String playerId,
        @JsonProperty("seq") long seq,
        @JsonProperty("t_ms") long tMs,
        @JsonProperty("state") String state,
        @JsonProperty("episode") int episode,
        @JsonProperty("frame") int frame,
        @JsonProperty("confirmed_frame") int confirmedFrame,
        @JsonProperty("verified_frame") int verifiedFrame,
        @JsonProperty("remote_frame") int remoteFrame,
        @JsonProperty("frame_advantage") double frameAdvantage,
        @JsonProperty("rollbacks") long rollbacks,
        @JsonProperty("rollback_frames") long rollbackFrames,
        @JsonProperty("last_rollback_depth") int lastRollbackDepth,
        @JsonProperty("max_rollback_depth") int maxRollbackDepth,
        @JsonProperty("predicted_frames") int predictedFrames,
        @JsonProperty("stalls") long stalls,
        @JsonProperty("rtt_ms") Double rttMs,
        @JsonProperty("relay_rtt_ms") Double relayRttMs,
        @JsonProperty("gap_rate") Double gapRate,
        @JsonProperty("buffered_amount") Long bufferedAmount,
        @JsonProperty("transport") String transport,
        @JsonProperty("transport_reason") String transportReason,
        @JsonProperty("inputs_sent_p2p") long inputsSentP2p,
        @JsonProperty("inputs_sent_relay") long inputsSentRelay,
        @JsonProperty("inputs_recv_p2p") long inputsRecvP2p,
        @JsonProperty("inputs_recv_relay") long inputsRecvRelay,
        @JsonProperty("desyncs") long desyncs,
        @JsonProperty("last_desync_frame") Integer lastDesyncFrame,
        @JsonProperty("fps") Double fps,
        @JsonProperty("step_ms") Double stepMs,
        @JsonProperty("link") LinkProfile link,
        @JsonProperty("ice_path") String icePath,
        @JsonProperty("ice_rtt_ms") Double iceRttMs) {

    /**
     * A sample of a channel without ICE (UDP, the simulator, a MUG page's report): {@code ice_path} and
     * {@code ice_rtt_ms} unknown.
     */
    public PeerSample(String gameId, String playerId, long seq, long tMs, String state, int episode, int frame,
                      int confirmedFrame, int verifiedFrame, int remoteFrame, double frameAdvantage, long rollbacks,
                      long rollbackFrames, int lastRollbackDepth, int maxRollbackDepth, int predictedFrames,
                      long stalls, Double rttMs, Double relayRttMs, Double gapRate, Long bufferedAmount,
                      String transport, String transportReason, long inputsSentP2p, long inputsSentRelay,
                      long inputsRecvP2p, long inputsRecvRelay, long desyncs, Integer lastDesyncFrame, Double fps,
                      Double stepMs, LinkProfile link) {
        this(gameId, playerId, seq, tMs, state, episode, frame, confirmedFrame, verifiedFrame, remoteFrame,
                frameAdvantage, rollbacks, rollbackFrames, lastRollbackDepth, maxRollbackDepth, predictedFrames, stalls,
                rttMs, relayRttMs, gapRate, bufferedAmount, transport, transportReason, inputsSentP2p,
                inputsSentRelay, inputsRecvP2p, inputsRecvRelay, desyncs, lastDesyncFrame, fps, stepMs, link, null,
                null);
    }

    /** Values of {@code state}. */
    public static final String STATE_CONNECTING = "connecting";
    public static final String STATE_RUNNING = "running";
    public static final String STATE_PAUSED = "paused";
    public static final String STATE_EPISODE_TRANSITION = "episode_transition";
    public static final String STATE_DONE = "done";

    /** Values of {@code transport}. */
    public static final String TRANSPORT_P2P = "p2p";
    public static final String TRANSPORT_RELAY = "relay";
    public static final String TRANSPORT_BOTH = "p2p+relay";

    /** Returns this sample stamped with the seat the relay saw it come from (a peer cannot report for another). */
    public PeerSample withSeat(String gameId, String playerId) {
        return new PeerSample(gameId, playerId, seq, tMs, state, episode, frame, confirmedFrame, verifiedFrame,
                remoteFrame, frameAdvantage, rollbacks, rollbackFrames, lastRollbackDepth, maxRollbackDepth,
                predictedFrames, stalls, rttMs, relayRttMs, gapRate, bufferedAmount, transport, transportReason,
                inputsSentP2p, inputsSentRelay, inputsRecvP2p, inputsRecvRelay, desyncs, lastDesyncFrame, fps, stepMs,
                link, icePath, iceRttMs);
    }
}
