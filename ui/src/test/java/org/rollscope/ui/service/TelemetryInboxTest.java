package org.rollscope.ui.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.Samples;

class TelemetryInboxTest {

    @Test
    void offerNeverBlocksAndDropsTheOldestWhenFull() {
        TelemetryInbox inbox = new TelemetryInbox(4);
        for (int i = 0; i < 10; i++) {
            inbox.onSample(Samples.running("g", "p1", i, 1_000 + i, 60 + i));
        }
        assertEquals(6, inbox.droppedCount());
        List<Long> seqs = new ArrayList<>();
        Fx.run(() -> inbox.drainTo(u -> seqs.add(((SourceUpdate.SampleReceived) u).sample().seq())));
        assertEquals(List.of(6L, 7L, 8L, 9L), seqs, "the newest survive, in order");
        assertEquals(0, inbox.pendingCount());
    }

    @Test
    void manyProducerThreadsNeverLoseCountOfWhatTheyOffered() throws Exception {
        TelemetryInbox inbox = new TelemetryInbox(64);
        int threads = 4;
        int each = 5_000;
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < each; i++) inbox.onSample(Samples.running("g", "p" + id, i, i, i));
            });
            producers.add(th);
            th.start();
        }
        for (Thread th : producers) th.join();
        long[] drained = {0};
        Fx.run(() -> inbox.drainTo(u -> drained[0]++));
        assertEquals((long) threads * each, drained[0] + inbox.droppedCount());
    }

    @Test
    void drainingOffTheFxThreadIsRefused() {
        TelemetryInbox inbox = new TelemetryInbox(4);
        assertThrows(IllegalStateException.class, () -> inbox.drainTo(u -> { }));
    }
}
