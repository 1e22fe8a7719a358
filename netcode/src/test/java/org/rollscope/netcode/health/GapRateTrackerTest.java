package org.rollscope.netcode.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class GapRateTrackerTest {

    @Test
    void unknownBeforeAnyPacket() {
        assertNull(new GapRateTracker().gapRate(0));
    }

    @Test
    void everyFrameArrivingInOrderHasNoGaps() {
        GapRateTracker t = new GapRateTracker();
        for (int f = 0; f < 300; f++) {
            t.onInputPacket(f, f * 16L);
        }
        assertEquals(0.0, t.gapRate(300 * 16L));
    }

    @Test
    void everyOtherPacketLostIsAboutHalfTheFrames() {
        GapRateTracker t = new GapRateTracker();
        for (int f = 0; f < 300; f += 2) {
            t.onInputPacket(f, f * 16L);
        }
        assertEquals(0.5, t.gapRate(300 * 16L), 0.01);
    }

    @Test
    void aLatePacketStillCountsAsAGapAndDuplicatesChangeNothing() {
        GapRateTracker t = new GapRateTracker();
        t.onInputPacket(0, 0);
        t.onInputPacket(2, 10);
        t.onInputPacket(1, 20);
        t.onInputPacket(2, 30);
        t.onInputPacket(3, 40);
        assertEquals(0.25, t.gapRate(50), 1e-9, "1 gap (frame 1) over 4 frames");
    }

    @Test
    void oldFiguresLeaveTheWindow() {
        GapRateTracker t = new GapRateTracker();
        t.onInputPacket(0, 0);
        t.onInputPacket(10, 100);
        assertEquals(9.0 / 11, t.gapRate(200), 1e-9, "frames 1..9 missing of 0..10");
        assertNull(t.gapRate(6_000), "nothing arrived in the last 5 s");
    }

    @Test
    void aNewEpisodeRestartsFrameNumbersWithoutInventingGaps() {
        GapRateTracker t = new GapRateTracker();
        for (int f = 0; f < 100; f++) {
            t.onInputPacket(f, f * 16L);
        }
        t.onEpisodeStart();
        for (int f = 0; f < 100; f++) {
            t.onInputPacket(f, 1_600 + f * 16L);
        }
        assertEquals(0.0, t.gapRate(3_200));
    }

    @Test
    void framesSkippedWhileTheOtherPeerSentByRelayAreNotGaps() {
        GapRateTracker t = new GapRateTracker();
        for (int f = 0; f < 60; f++) {
            t.onInputPacket(f, f * 16L);
        }
        // forced fallback: 10 s of inputs by relay only, then P2P again at frame 660
        for (int f = 660; f < 700; f++) {
            t.onInputPacket(f, 960 + 10_000 + (f - 660) * 16L);
        }
        assertEquals(0.0, t.gapRate(960 + 10_000 + 40 * 16L));
    }

    @Test
    void aShortOutageStillCountsAsGaps() {
        GapRateTracker t = new GapRateTracker();
        t.onInputPacket(0, 0);
        t.onInputPacket(30, 500); // half a second of lost packets: a real loss burst
        assertEquals(29.0 / 31, t.gapRate(600), 1e-9);
    }
}
