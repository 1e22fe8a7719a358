package org.rollscope.netcode.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * One telemetry sample of one peer: a row of telemetry.md §1, with the same names in snake_case on the wire and in
 * exports. Boxed fields are the ones the spec allows to be unknown ({@code null}), which is never the same as zero.
 *
 * <p>Beyond §1: the WebRTC {@code ice_path} ({@code direct}, or {@code relay} through TURN) and its round trip
 * {@code ice_rtt_ms}; the sample's {@code source} ({@link #SOURCE_MUG_PROBE} for a MUG page's probe,
 * {@link #SOURCE_MUG_PILOT} for a Rollscope MUG pilot's own sample, null for a Rollscope peer), the participant's
 * {@code subject_id}, whether the page had the {@code focused} tab, its {@code unknown_fields}: §1 fields held in
 * primitives here whose value the source could not give (see
 * {@link #reports}), and its {@code unsupported_commands}: observer commands (by event name) that this seat cannot
 * carry out, so that a console can disable them with the reason.
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
        @JsonProperty("ice_rtt_ms") Double iceRttMs,
        @JsonProperty("source") String source,
        @JsonProperty("subject_id") String subjectId,
        @JsonProperty("focused") Boolean focused,
        @JsonProperty("unknown_fields") List<String> unknownFields,
        @JsonProperty("unsupported_commands") List<String> unsupportedCommands) {

    /** {@code source} of a sample a MUG page's probe reported (docs/mug-probe.md); Rollscope peers leave it null. */
    public static final String SOURCE_MUG_PROBE = "mug-probe";
    /** {@code source} of a Rollscope MUG pilot's own sample ({@code peer --mug}, docs/mug-pilot.md). */
    public static final String SOURCE_MUG_PILOT = "mug-pilot";

    /** Null lists become empty; lists are copied. */
    public PeerSample {
        unknownFields = unknownFields == null ? List.of() : List.copyOf(unknownFields);
        unsupportedCommands = unsupportedCommands == null ? List.of() : List.copyOf(unsupportedCommands);
    }

    /**
     * A sample of a channel without ICE (UDP, the simulator, a MUG page's report): {@code ice_path} and
     * {@code ice_rtt_ms} unknown, no source-specific extras.
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

    /**
     * A Rollscope peer's sample: every field of telemetry.md §1 and its ICE path and round trip (null without ICE);
     * no source-specific extras ({@code source}, {@code subject_id}, {@code focused} null, nothing listed unknown).
     */
    public PeerSample(String gameId, String playerId, long seq, long tMs, String state, int episode, int frame,
                      int confirmedFrame, int verifiedFrame, int remoteFrame, double frameAdvantage, long rollbacks,
                      long rollbackFrames, int lastRollbackDepth, int maxRollbackDepth, int predictedFrames,
                      long stalls, Double rttMs, Double relayRttMs, Double gapRate, Long bufferedAmount,
                      String transport, String transportReason, long inputsSentP2p, long inputsSentRelay,
                      long inputsRecvP2p, long inputsRecvRelay, long desyncs, Integer lastDesyncFrame, Double fps,
                      Double stepMs, LinkProfile link, String icePath, Double iceRttMs) {
        this(gameId, playerId, seq, tMs, state, episode, frame, confirmedFrame, verifiedFrame, remoteFrame,
                frameAdvantage, rollbacks, rollbackFrames, lastRollbackDepth, maxRollbackDepth, predictedFrames, stalls,
                rttMs, relayRttMs, gapRate, bufferedAmount, transport, transportReason, inputsSentP2p,
                inputsSentRelay, inputsRecvP2p, inputsRecvRelay, desyncs, lastDesyncFrame, fps, stepMs, link, icePath,
                iceRttMs, null, null, null, List.of(), List.of());
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
                link, icePath, iceRttMs, source, subjectId, focused, unknownFields, unsupportedCommands);
    }

    /**
     * Returns this sample as the relay stamps a probe's: its source, the subject id of the probe's connection, the
     * fields the page could not give (whose values here are placeholders), and the observer commands its seat cannot
     * carry out (e.g. {@code restore_p2p} on MUG, see {@code ProbeProtocol.RESTORE_REFUSAL}).
     */
    public PeerSample withSource(String newSource, String newSubjectId, List<String> newUnknownFields,
                                 List<String> newUnsupportedCommands) {
        return new PeerSample(gameId, playerId, seq, tMs, state, episode, frame, confirmedFrame, verifiedFrame,
                remoteFrame, frameAdvantage, rollbacks, rollbackFrames, lastRollbackDepth, maxRollbackDepth,
                predictedFrames, stalls, rttMs, relayRttMs, gapRate, bufferedAmount, transport, transportReason,
                inputsSentP2p, inputsSentRelay, inputsRecvP2p, inputsRecvRelay, desyncs, lastDesyncFrame, fps, stepMs,
                link, icePath, iceRttMs, newSource, newSubjectId, focused, newUnknownFields,
                newUnsupportedCommands);
    }

    /** Returns this sample renumbered and moved in time (a replay shifted to now), every other field kept. */
    public PeerSample withSeqAndTime(long newSeq, long newTMs) {
        return new PeerSample(gameId, playerId, newSeq, newTMs, state, episode, frame, confirmedFrame, verifiedFrame,
                remoteFrame, frameAdvantage, rollbacks, rollbackFrames, lastRollbackDepth, maxRollbackDepth,
                predictedFrames, stalls, rttMs, relayRttMs, gapRate, bufferedAmount, transport, transportReason,
                inputsSentP2p, inputsSentRelay, inputsRecvP2p, inputsRecvRelay, desyncs, lastDesyncFrame, fps, stepMs,
                link, icePath, iceRttMs, source, subjectId, focused, unknownFields, unsupportedCommands);
    }

    /**
     * Whether this sample carries a real value for the telemetry.md §1 field {@code field} (snake_case). A source
     * that cannot give a field (a MUG page does not count stalls) lists it in {@code unknown_fields}; its value in
     * the record is then a placeholder that must be shown as unknown, never as 0.
     */
    public boolean reports(String field) {
        return !unknownFields.contains(field);
    }
}
