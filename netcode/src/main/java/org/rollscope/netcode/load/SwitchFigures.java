package org.rollscope.netcode.load;

import org.json.JSONObject;

/**
 * The switch-latency measurement: {@code force_fallback} sent by an observer → the first input the commanded seat
 * relays, received by the other seat.
 *
 * @param commands commands sent
 * @param failures commands without a relayed input in time, or refused (restore_p2p failures included)
 * @param toFirstRelayedInput the switch latency
 * @param toAck observer command → the relay's acknowledgement (sent once the peer acknowledged)
 * @param peerKind what obeyed the commands, e.g. "telemetry-only simulated peers"
 * @param lastFailure the last failure's explanation, or null
 */
public record SwitchFigures(long commands, long failures, LatencySummary toFirstRelayedInput, LatencySummary toAck,
                            String peerKind, String lastFailure) {

    /** No switch measurement in this run. */
    public static final SwitchFigures NONE = new SwitchFigures(0, 0, LatencySummary.EMPTY, LatencySummary.EMPTY,
            "none", null);

    JSONObject toJson() {
        return new JSONObject().put("commands", commands).put("failures", failures)
                .put("to_first_relayed_input", toFirstRelayedInput.toJson()).put("to_ack", toAck.toJson())
                .put("peer_kind", peerKind).put("last_failure", lastFailure == null ? JSONObject.NULL : lastFailure)
                .put("measured", "observer force_fallback emit -> relay -> commanded peer acks and relays an input at"
                        + " once -> relay -> first pyodide_other_player_action at the other seat");
    }
}
