package org.rollscope.netcode.load;

import org.json.JSONObject;

/**
 * Time this process could not run during the measurement, whoever is to blame: see {@link HiccupMeter}.
 *
 * @param hiccups overshoots of a 5 ms sleep (p99 and max are the interesting ones: on an idle machine both stay
 *     within a millisecond or two)
 * @param eventThreadWaits how long a task waited for the Socket.IO client's event thread (the driver's queue: part of
 *     every measured latency)
 * @param gcCount GC collections in the window
 * @param gcMs time spent in GC in the window
 */
public record StallFigures(LatencySummary hiccups, LatencySummary eventThreadWaits, long gcCount, long gcMs) {

    JSONObject toJson() {
        return new JSONObject().put("hiccups", hiccups.toJson())
                .put("event_thread_waits", eventThreadWaits.toJson()).put("gc_count", gcCount).put("gc_ms", gcMs);
    }
}
