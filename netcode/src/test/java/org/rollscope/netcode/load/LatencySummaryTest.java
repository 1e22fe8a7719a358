package org.rollscope.netcode.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int i = 100; i >= 1; i--) {
            recorder.record(i * 1000L); // 1..100 ms, recorded out of order
        }
        LatencySummary s = recorder.summary();
        assertEquals(100, s.count());
        assertEquals(50.0, s.p50Ms());
        assertEquals(95.0, s.p95Ms());
        assertEquals(99.0, s.p99Ms());
        assertEquals(100.0, s.maxMs());
        assertEquals(50.5, s.meanMs(), 1e-9);
    }

    @Test
    void emptyRecorderHasNoPercentilesAndJsonNulls() {
        LatencySummary s = new LatencyRecorder().summary();
        assertEquals(0, s.count());
        assertTrue(Double.isNaN(s.p99Ms()));
        assertTrue(s.toJson().isNull("p99_ms"));
    }

    @Test
    void addAllMergesRecorders() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        for (int i = 0; i < 2000; i++) {
            a.record(1000);
            b.record(3000);
        }
        a.addAll(b);
        assertEquals(4000, a.count());
        assertEquals(3.0, a.summary().maxMs());
        assertEquals(1.0, a.summary().p50Ms());
    }

    @Test
    void configRefusesUnboundedOrHalfSpecifiedRuns() {
        assertThrows(IllegalArgumentException.class,
                () -> new LoadConfig(0, 10, 1, Duration.ZERO, Duration.ofSeconds(1), 0, 60, null, null, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new LoadConfig(1, 10, 1, Duration.ZERO, Duration.ofHours(2), 0, 60, null, null, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new LoadConfig(1, 10, 1, Duration.ZERO, Duration.ofSeconds(1), 0, 60, "http://127.0.0.1:1", null,
                        Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new LoadConfig(1, 10, 1, Duration.ZERO, Duration.ofSeconds(1), 0, 60, "http://10.1.2.3:8765", "t",
                        Duration.ZERO), "loopback only");
        new LoadConfig(1, 10, 1, Duration.ZERO, Duration.ofSeconds(1), 0, 60, "http://localhost:8765", "t", Duration.ZERO);
        new LoadConfig(1, 10, 1, Duration.ZERO, Duration.ofSeconds(1), 0, 60, "http://[::1]:8765", "t", Duration.ZERO);
        LoadConfig ok = new LoadConfig(100, 10, 3, Duration.ofSeconds(10), Duration.ofSeconds(60), 50, 60, null, null, Duration.ZERO);
        assertTrue(ok.atTargetLoad());
        assertEquals(701, ok.samplesPerPeer());
        assertEquals(200, ok.peers());
    }

    @Test
    void reportJsonRoundTripsThroughText() {
        JSONObject json = new JSONObject(LatencySummary.of(new long[] {1500, 2500}).toJson().toString());
        assertEquals(1.5, json.getDouble("p50_ms"));
        assertEquals(2.5, json.getDouble("max_ms"));
    }
}
