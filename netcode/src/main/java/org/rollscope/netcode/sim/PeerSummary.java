package org.rollscope.netcode.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.rollscope.netcode.engine.RollbackSession;

/**
 * One simulated peer's figures at the end of a run, under telemetry.md §1 names (plus a few simulator extras).
 */
public record PeerSummary(
        @JsonProperty("player_id") int playerId,
        @JsonProperty("episodes") int episodes,
        @JsonProperty("frame") int frame,
        @JsonProperty("confirmed_frame") int confirmedFrame,
        @JsonProperty("verified_frame") int verifiedFrame,
        @JsonProperty("rollbacks") long rollbacks,
        @JsonProperty("rollback_frames") long rollbackFrames,
        @JsonProperty("max_rollback_depth") int maxRollbackDepth,
        @JsonProperty("predicted_frames_total") long predictedFramesTotal,
        @JsonProperty("stalls") long stalls,
        @JsonProperty("time_sync_waits") long timeSyncWaits,
        @JsonProperty("max_abs_frame_advantage") double maxAbsFrameAdvantage,
        @JsonProperty("desyncs") long desyncs,
        @JsonProperty("last_desync_frame") int lastDesyncFrame,
        @JsonProperty("inputs_recv_p2p") long inputsRecvP2p,
        @JsonProperty("inputs_dropped_stale") long inputsDroppedStale,
        @JsonProperty("input_requests_sent") long inputRequestsSent,
        @JsonProperty("unconfirmed_frames") long unconfirmedFrames,
        @JsonProperty("rtt_ms") double rttMs,
        @JsonProperty("packets_sent") long packetsSent,
        @JsonProperty("packets_lost") long packetsLost) {

    static PeerSummary of(RollbackSession s, int maxDepthAllEpisodes, long predictedTotal, double maxAbsAdvantage,
            double rttMs, long sent, long lost) {
        return new PeerSummary(s.localPlayer(), s.episodesCompleted(), s.frame(), s.confirmedFrame(),
                s.verifiedFrame(), s.rollbacks(), s.rollbackFrames(), maxDepthAllEpisodes, predictedTotal,
                s.stalls(), s.timeSyncWaits(), maxAbsAdvantage, s.desyncs(), s.lastDesyncFrame(), s.inputsRecvP2p(),
                s.inputsDroppedStale(), s.inputRequestsSent(), s.unconfirmedFrames(), rttMs, sent, lost);
    }
}
