package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.TelemetryBatch;

/** A full observer queue drops the oldest samples and says so; nothing is lost silently. */
class RelayTelemetryBackPressureTest {
    @TempDir
    Path dataDir;

    @Test
    void fullObserverQueueDropsOldestAndCountsEveryDroppedSample() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir,
                b -> b.observerQueueCapacity(1).telemetryFlushInterval(Duration.ofMillis(100)))) {
            AtomicLong delivered = new AtomicLong();
            AtomicLong reportedDropped = new AtomicLong();
            AtomicLong lastSeq = new AtomicLong(-1);
            ObserverClient observer = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"));
            observer.addListener(new ObserverListener() {
                @Override
                public void onTelemetry(TelemetryBatch batch) {
                    // The sequence number first: the test thread waits on the counters, then reads it.
                    batch.samples().forEach(s -> lastSeq.set(s.seq()));
                    delivered.addAndGet(batch.samples().size());
                    reportedDropped.addAndGet(batch.dropped());
                }
            }).connect().get(10, TimeUnit.SECONDS);
            TestPeer peer = fixture.peer();
            peer.join(new JSONObject().put("game_id", "burst"));
            int sent = 200; // in one burst: far more than one sample per 100 ms flush
            for (int seq = 0; seq < sent; seq++) {
                peer.emit("peer_telemetry", RelayObserverTest.sampleJson(seq));
            }
            Await.until(TestPeer.WAIT, () -> delivered.get() + reportedDropped.get() == sent,
                    () -> "delivered " + delivered + " dropped " + reportedDropped + " " + fixture.relay.stats());
            assertTrue(reportedDropped.get() > 0, "a queue of 1 under a burst must drop");
            assertEquals(sent - 1, lastSeq.get(), "the newest sample is kept, the oldest dropped");
            assertEquals(reportedDropped.get(), fixture.relay.stats().samplesDropped());
            assertEquals(sent, fixture.relay.stats().samplesReceived());
        }
    }
}
