package org.rollscope.netcode.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A small real run: embedded relay on a loopback ephemeral port, real Socket.IO peers and observers. No timing targets. */
class LoadDriverTest {

    @Test
    @Timeout(30)
    void smallRunDeliversEverySampleToEveryObserverAndReportsConsistentFigures() throws Exception {
        LoadConfig config = new LoadConfig(3, 10, 2, Duration.ofMillis(500), Duration.ofSeconds(2), 3, 60, null, null,
                Duration.ofSeconds(5));
        List<String> progress = new ArrayList<>();
        LoadReport report = new LoadDriver(config, progress::add).run();

        assertTrue(report.samplesSent() > 0, "no sample sent: " + report.describe());
        assertTrue(report.samplesSent() <= (long) config.peers() * config.samplesPerPeer(),
                "more samples than the bound: " + report.describe());
        assertEquals(report.samplesSent(), report.relaySamplesReceived(), "relay count vs sent: " + report.describe());
        assertEquals(report.samplesSent() * 2, report.expectedDeliveries());
        for (ObserverFigures o : report.observers()) {
            assertEquals(o.expected(), o.delivered() + o.missing(), "delivered + missing = expected: " + o);
        }
        if (report.drops() == 0) {
            assertEquals(report.expectedDeliveries(), report.delivered(), report.describe());
        }
        assertTrue(report.delivered() > 0, report.describe());
        LatencySummary latency = report.delivery();
        assertTrue(0 <= latency.p50Ms() && latency.p50Ms() <= latency.p95Ms() && latency.p95Ms() <= latency.p99Ms()
                && latency.p99Ms() <= latency.maxMs(), "percentiles out of order: " + latency);
        assertEquals(report.delivered(), latency.count() + report.warmupDelivery().count(),
                "every delivered sample is timed once, in the warm-up or in the measurement");
        assertTrue(report.cpu().samplesInWindow() > 0 && report.cpu().samplesInWindow() <= report.samplesSent(),
                "samples sent in the measurement window: " + report.cpu());
        assertEquals(!report.cpu().relayInOwnProcess(), true, "the embedded relay's CPU is its threads'");
        assertTrue(latency.count() > 0 && report.warmupDelivery().count() > 0, report.describe());

        SwitchFigures switching = report.switching();
        assertEquals(3, switching.commands(), report.describe());
        assertEquals(0, switching.failures(), "simulated peers obey every command: " + switching.lastFailure());
        assertEquals(3, switching.toFirstRelayedInput().count());
        assertTrue(switching.toFirstRelayedInput().p50Ms() <= switching.toFirstRelayedInput().p99Ms());

        JSONObject json = new JSONObject(report.toJson().toString());
        assertEquals(report.samplesSent(), json.getLong("samples_sent"));
        assertEquals(report.delivered(), json.getLong("delivered"));
        assertEquals(report.drops(), json.getLong("drops"));
        assertEquals(2, json.getJSONArray("per_observer").length());
        assertEquals(latency.p99Ms(), json.getJSONObject("delivery_latency").getDouble("p99_ms"), 0.001);
        assertEquals(report.passed(), json.getBoolean("passed"));
        assertEquals(false, json.getBoolean("at_target_load"));
        assertTrue(report.verdict().contains("below the target load"), report.verdict());
        assertTrue(json.getJSONObject("cpu").getLong("relay_cpu_ms") >= 0, json.toString());
    }
}
