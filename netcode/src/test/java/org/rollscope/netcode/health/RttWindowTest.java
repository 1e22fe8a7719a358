package org.rollscope.netcode.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RttWindowTest {

    @Test
    void meanOfTheLastTenRoundTrips() {
        RttWindow w = new RttWindow();
        assertNull(w.meanMs());
        for (int i = 1; i <= 15; i++) {
            w.add(i * 10, i);
        }
        assertEquals((60 + 150) / 2.0, w.meanMs(), 1e-9, "samples 6..15 remain");
        assertEquals(15, w.lastSampleAtMs());
    }

    @Test
    void nonsenseRoundTripsAreIgnored() {
        RttWindow w = new RttWindow();
        w.add(-5, 0);
        w.add(Double.NaN, 0);
        w.add(Double.POSITIVE_INFINITY, 0);
        assertNull(w.meanMs());
        w.add(20, 1);
        w.clear();
        assertNull(w.meanMs());
    }
}
