package org.rollscope.netcode.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StandInGameTest {

    @Test
    void anEpisodeIsTruncatedAtMaxSteps() {
        StandInGame g = new StandInGame(5, 3);
        g.reset(1, 0);
        assertEquals(false, g.step(4, 0).episodeOver());
        assertEquals(false, g.step(1, 2).episodeOver());
        StepResult last = g.step(3, 3);
        assertTrue(last.truncated() && !last.terminal());
        assertThrows(IllegalStateException.class, () -> g.step(0, 0));
    }

    @Test
    void theOtherPeersEpisodeEndEndsItThere() {
        StandInGame g = new StandInGame(5, 100);
        g.reset(1, 1);
        g.endAt(1, 2);
        g.step(0, 0);
        assertTrue(g.step(0, 0).terminal(), "ends at the page's frame, not at max_steps");
        g.reset(1, 2);
        g.step(0, 0);
        assertEquals(false, g.step(0, 0).episodeOver(), "the next episode runs to its own end");
    }

    @Test
    void snapshotsRestoreTheFrameAndOutOfRangeActionsAreRefused() {
        StandInGame g = new StandInGame(5, 10);
        g.reset(1, 0);
        g.step(0, 0);
        int[] snap = new int[g.snapshotSize()];
        g.save(snap);
        long hash = g.stateHash();
        g.step(1, 1);
        g.load(snap);
        assertEquals(1, g.frame());
        assertEquals(hash, g.stateHash());
        assertThrows(IllegalArgumentException.class, () -> g.step(5, 0));
    }
}
