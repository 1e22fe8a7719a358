package org.rollscope.netcode.timesync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeSyncTest {

    @Test
    void advantageIsCorrectedByHalfTheRoundTrip() {
        TimeSync ts = TimeSync.withDefaults();
        // 100 ms RTT at 60 fps: the peer has moved 3 frames since it sent frame 97.
        assertEquals(0.0, ts.sample(100, 97, 100, 1000.0 / 60), 1e-9);
    }

    @Test
    void peerAheadWaitsAtMostOnceEveryMinFrames() {
        TimeSync ts = new TimeSync(10, 1.0, 10);
        int waits = 0;
        for (int f = 0; f < 100; f++) {
            ts.sample(f, f - 4, 0, 16.67);
            if (ts.recommendWait(f)) {
                waits++;
            }
        }
        assertTrue(waits >= 9 && waits <= 10, "waits " + waits);
        assertEquals(waits, ts.waits());
    }

    @Test
    void peerBehindOrLevelNeverWaits() {
        TimeSync ts = TimeSync.withDefaults();
        for (int f = 0; f < 200; f++) {
            ts.sample(f, f + (f % 3) - 1, 0, 16.67);
            assertFalse(ts.recommendWait(f));
        }
    }

    @Test
    void invalidSettingsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeSync(0, 1, 1));
        assertTrue(e.getMessage().contains("windowFrames"));
    }
}
