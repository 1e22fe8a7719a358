package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkImpairmentTest {

    @Test
    void perfectLinkDeliversEveryPacketOnceAtItsSendTime() {
        LinkImpairment<Integer> link = new LinkImpairment<>(LinkProfile.PERFECT, 1);
        for (int i = 0; i < 100; i++) {
            List<LinkImpairment.Delivery<Integer>> d = link.send(i, i * 10.0, 50);
            assertEquals(1, d.size());
            assertEquals(i, d.get(0).packet());
            assertEquals(i * 10.0, d.get(0).deliverAtMs());
        }
    }

    @Test
    void latencyAndJitterStayInsideTheirBounds() {
        LinkImpairment<Integer> link = new LinkImpairment<>(new LinkProfile(100, 30, 0, 0, 0, 0), 7);
        for (int i = 0; i < 1000; i++) {
            double t = link.send(i, 0, 10).get(0).deliverAtMs();
            assertTrue(t >= 100 && t <= 130, "delivery at " + t);
        }
    }

    @Test
    void lossAndDuplicationFollowTheirProbabilities() {
        LinkImpairment<Integer> link = new LinkImpairment<>(new LinkProfile(0, 0, 0.3, 0.2, 0, 0), 11);
        int delivered = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            delivered += link.send(i, i, 10).size();
        }
        double lossRate = link.lostCount() / (double) n;
        assertEquals(0.3, lossRate, 0.02);
        assertEquals(0.2, link.duplicatedCount() / (double) (n - link.lostCount()), 0.02);
        assertEquals(n - link.lostCount() + link.duplicatedCount(), delivered);
    }

    @Test
    void reorderedPacketArrivesJustBehindTheNextOne() {
        LinkImpairment<Integer> link = new LinkImpairment<>(new LinkProfile(10, 0, 0, 0, 1.0, 0), 3);
        assertTrue(link.send(1, 0, 10).isEmpty(), "first packet is held back");
        LinkImpairment.Delivery<Integer> released = link.send(2, 5, 10).get(0);
        assertEquals(1, released.packet());
        assertTrue(released.deliverAtMs() > 15, "held packet arrives after the next one's time (15 ms)");
    }

    @Test
    void heldPacketIsReleasedWhenNoLaterPacketComes() {
        LinkImpairment<Integer> link = new LinkImpairment<>(new LinkProfile(10, 0, 0, 0, 1.0, 0), 3);
        link.send(1, 0, 10);
        assertNull(link.releaseHeld(20));
        LinkImpairment.Delivery<Integer> d = link.releaseHeld(10 + LinkImpairment.MAX_HOLD_MS);
        assertNotNull(d);
        assertEquals(1, d.packet());
    }

    @Test
    void bandwidthQueuesPacketsAndReportsQueuedBytes() {
        // 80 kbit/s = 10 bytes per ms: a 100-byte packet takes 10 ms on the wire.
        LinkImpairment<Integer> link = new LinkImpairment<>(new LinkProfile(0, 0, 0, 0, 0, 80), 5);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            times.add(link.send(i, 0, 100).get(0).deliverAtMs());
        }
        assertEquals(List.of(10.0, 20.0, 30.0, 40.0, 50.0), times);
        assertEquals(500, link.queuedBytes(0));
        assertEquals(250, link.queuedBytes(25));
        assertEquals(0, link.queuedBytes(60));
    }

    @Test
    void sameSeedGivesSameFates() {
        LinkProfile p = new LinkProfile(50, 30, 0.2, 0.1, 0.1, 0);
        LinkImpairment<Integer> a = new LinkImpairment<>(p, 42);
        LinkImpairment<Integer> b = new LinkImpairment<>(p, 42);
        for (int i = 0; i < 500; i++) {
            assertEquals(a.send(i, i, 10), b.send(i, i, 10));
        }
    }
}
