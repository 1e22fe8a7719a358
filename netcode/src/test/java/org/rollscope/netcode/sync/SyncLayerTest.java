package org.rollscope.netcode.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rollscope.netcode.game.StepResult;

class SyncLayerTest {

    private final SyncLayer sync = new SyncLayer(8, 3);

    @Test
    void ringHoldsWindowPlusMarginSnapshotsAndRefusesOlderOnes() {
        assertEquals(8 + SyncLayer.MARGIN, sync.capacity());
        for (int f = 0; f <= 20; f++) {
            sync.slotToSave(f).data()[0] = f;
        }
        assertEquals(20, sync.slotToLoad(20).data()[0]);
        assertEquals(9, sync.slotToLoad(9).data()[0]);
        assertFalse(sync.hasSnapshot(8));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sync.slotToLoad(8));
        assertTrue(e.getMessage().contains("load frame 8"), e.getMessage());
    }

    @Test
    void replayOverwritesFrameDataButKeepsFirstPredictionFlagAndTime() {
        sync.recordStep(5, 1, 2, new StepResult(0.5, 0, false, false), 111L, true, 1000);
        sync.recordStep(5, 1, 3, new StepResult(0, 1.0, true, false), 222L, false, 2000);
        SyncLayer.FrameData d = sync.read(5);
        assertEquals(3, d.action1());
        assertEquals(1.0, d.reward1());
        assertTrue(d.terminal());
        assertEquals(222L, d.stateHash());
        assertTrue(d.predicted(), "first simulation was predicted");
        assertEquals(1000, d.firstSimulatedMs());
        assertTrue(sync.endsEpisode(5));
    }

    @Test
    void resetForgetsSnapshotsAndFrames() {
        SnapshotSlot s = sync.slotToSave(0);
        sync.recordStep(0, 0, 0, new StepResult(0, 0, false, false), 1L, false, 0);
        sync.reset();
        assertFalse(sync.hasSnapshot(0));
        assertFalse(sync.hasFrame(0));
        assertSame(s, sync.slotToSave(0), "slots are reused, never reallocated");
    }
}
