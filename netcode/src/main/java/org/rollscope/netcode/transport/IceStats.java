package org.rollscope.netcode.transport;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.Map;

/**
 * Reads the ICE path out of a WebRTC statistics report the way MUG's page does (webrtc_manager.js,
 * {@code getConnectionType}): the transport's {@code selectedCandidatePairId}, that pair's
 * {@code currentRoundTripTime}, and its two candidates' {@code candidateType}.
 */
final class IceStats {
    private IceStats() {}

    /** The selected pair's path, or null while ICE has not selected one. */
    static IcePath selectedPath(RTCStatsReport report) {
        Map<String, RTCStats> stats = report.getStats();
        RTCStats pair = null;
        for (RTCStats s : stats.values()) {
            if (s.getType() == RTCStatsType.TRANSPORT && s.getAttributes().get("selectedCandidatePairId") != null) {
                pair = stats.get(String.valueOf(s.getAttributes().get("selectedCandidatePairId")));
            }
        }
        if (pair == null) {
            return null;
        }
        Map<String, Object> a = pair.getAttributes();
        Object rttS = a.get("currentRoundTripTime");
        Double rttMs = rttS instanceof Number n ? n.doubleValue() * 1000 : null;
        return new IcePath(candidateType(stats, a.get("localCandidateId")),
                candidateType(stats, a.get("remoteCandidateId")), rttMs);
    }

    private static String candidateType(Map<String, RTCStats> stats, Object id) {
        RTCStats c = id == null ? null : stats.get(String.valueOf(id));
        Object type = c == null ? null : c.getAttributes().get("candidateType");
        return type == null ? null : type.toString();
    }
}
