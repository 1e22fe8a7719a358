package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.testing.NetnsJUnit;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * Two {@link MugProbe}s measure each other as two MUG pages would, their {@code probe_signal}s handed across in
 * memory (MUG's server only relays them). Run only inside a test network namespace, by {@link MugProbeTest}.
 */
class MugProbeDrills {

    @BeforeEach
    void insideATestNamespace() throws Exception {
        NetnsJUnit.requireInside();
    }

    private record Relayed(String target, String type, JSONObject payload) {}

    @Test
    void twoProbesAnswerEachOthersPingsAndBothMeasureTheirRtt() throws Exception {
        List<MugProbe> both = measure(LinkProfile.PERFECT);
        for (MugProbe p : both) {
            assertTrue(p.outcome().rttMs() > 0 && p.outcome().rttMs() < 100, "one machine, a DataChannel round trip: "
                    + p.outcome());
        }
    }

    @Test
    void aProbeOnASlowLinkShowsItsLatencyInBothSidesRtt() throws Exception {
        // A's link delays what A sends by 60 ms: A's pings (A's own figure) and A's pongs (B's figure) alike.
        List<MugProbe> both = measure(new LinkProfile(60, 0, 0, 0, 0, 0));
        for (MugProbe p : both) {
            assertTrue(p.outcome().rttMs() >= 60 && p.outcome().rttMs() < 160, "60 ms one way on A's side: "
                    + p.outcome());
        }
    }

    /** Runs probes a (with {@code linkOfA}) and b (perfect) against each other; checks the counts; returns both. */
    private static List<MugProbe> measure(LinkProfile linkOfA) throws Exception {
        ConcurrentLinkedQueue<Relayed> wire = new ConcurrentLinkedQueue<>();
        MugProbe.Signals signals = (session, target, type, payload) -> wire.add(new Relayed(target, type, payload));
        long t0 = System.nanoTime();
        MugProbe a = MugProbe.start("probe_x", "subject-a", "subject-b", List.of(), linkOfA, signals, 0);
        MugProbe b = MugProbe.start("probe_x", "subject-b", "subject-a", List.of(), LinkProfile.PERFECT, signals, 0);
        CompletableFuture<Void> bothMeasured = new CompletableFuture<>();
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        try {
            loop.scheduleAtFixedRate(() -> {
                long now = (System.nanoTime() - t0) / 1_000_000;
                a.tick(now);
                b.tick(now);
                for (Relayed r; (r = wire.poll()) != null; ) {
                    ("subject-a".equals(r.target()) ? a : b).onSignal(r.type(), r.payload());
                }
                if (a.outcome() != null && b.outcome() != null) {
                    bothMeasured.complete(null);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            bothMeasured.get(60, TimeUnit.SECONDS);
        } finally {
            loop.shutdownNow();
            a.close();
            b.close();
        }
        for (MugProbe p : List.of(a, b)) {
            MugProbe.Outcome o = p.outcome();
            System.out.println("MugProbe (A's link " + linkOfA.format() + "): RTTs " + o.rttsMs() + " ms, median "
                    + o.rttMs() + " ms, answered " + p.pingsAnswered());
            assertEquals(MugProbe.PINGS, o.rttsMs().size(), "every ping answered: " + o);
            assertNotNull(o.rttMs());
            assertEquals(MugProbe.median(o.rttsMs()), o.rttMs());
        }
        assertEquals(MugProbe.PINGS, a.pingsAnswered(), "a answered all of b's pings");
        assertEquals(MugProbe.PINGS, b.pingsAnswered(), "b answered all of a's pings");
        return List.of(a, b);
    }
}
