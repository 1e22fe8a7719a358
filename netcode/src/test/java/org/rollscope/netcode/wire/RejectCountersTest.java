package org.rollscope.netcode.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RejectCountersTest {

    @Test
    void countsEachReasonSeparately() {
        RejectCounters counters = new RejectCounters();
        counters.count(RejectReason.TRUNCATED);
        counters.count(RejectReason.TRUNCATED);
        counters.count(new MalformedPacketException(RejectReason.BAD_COUNT, "INPUT count 0"));

        assertEquals(2, counters.get(RejectReason.TRUNCATED));
        assertEquals(1, counters.get(RejectReason.BAD_COUNT));
        assertEquals(0, counters.get(RejectReason.EMPTY));
        assertEquals(3, counters.total());
        assertEquals("RejectCounters{TRUNCATED=2, BAD_COUNT=1}", counters.toString());
    }

    @Test
    void textFramesAreCountedButNotAsMalformed() {
        RejectCounters counters = new RejectCounters();
        counters.count(RejectReason.TEXT_FRAME);
        counters.count(RejectReason.UNKNOWN_TYPE);

        assertEquals(2, counters.total());
        assertEquals(1, counters.totalMalformed());
    }

    @Test
    void snapshotHoldsEveryReasonAndIsDetached() {
        RejectCounters counters = new RejectCounters();
        counters.count(RejectReason.EMPTY);
        Map<RejectReason, Long> snapshot = counters.snapshot();
        counters.count(RejectReason.EMPTY);

        assertEquals(RejectReason.values().length, snapshot.size());
        assertEquals(1L, snapshot.get(RejectReason.EMPTY));
        assertEquals(0L, snapshot.get(RejectReason.BAD_FLAG));
        assertThrows(UnsupportedOperationException.class, () -> snapshot.put(RejectReason.EMPTY, 0L));
    }

    @Test
    void concurrentReceiveLoopsLoseNoCounts() throws Exception {
        RejectCounters counters = new RejectCounters();
        int threads = 4;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                RejectReason reason = RejectReason.values()[t];
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        counters.count(reason);
                        counters.count(RejectReason.TRAILING_BYTES);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2L * threads * perThread, counters.total());
        assertEquals((long) threads * perThread, counters.get(RejectReason.TRAILING_BYTES));
        assertEquals(perThread, counters.get(RejectReason.values()[0]));
    }
}
