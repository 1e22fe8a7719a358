package org.rollscope.netcode.load;

import org.json.JSONObject;

/**
 * What one observer received.
 *
 * @param delivered samples of the run's peers it received
 * @param expected samples the peers sent (each observer should receive all of them)
 * @param missing {@code expected - delivered} (never below 0): lost for any reason
 * @param relayDropped the relay's own {@code dropped} counts for this observer (its queue overflowed)
 * @param seqGaps samples missing between two received ones of the same peer
 * @param outOfOrder samples received after a later one of the same peer
 * @param latency delivery latency, peer send → observer receive
 */
public record ObserverFigures(long delivered, long expected, long missing, long relayDropped, long seqGaps,
                              long outOfOrder, LatencySummary latency) {

    JSONObject toJson() {
        return new JSONObject().put("delivered", delivered).put("expected", expected).put("missing", missing)
                .put("relay_dropped", relayDropped).put("seq_gaps", seqGaps).put("out_of_order", outOfOrder)
                .put("latency", latency.toJson());
    }
}
