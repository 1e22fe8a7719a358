package org.rollscope.netcode.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The fixture must really be nondeterministic where it says, and deterministic before. */
class NondeterministicGameTest {

    @Test
    void replayingAFrameFromItsSnapshotGivesADifferentHash() {
        NondeterministicGame game = new NondeterministicGame();
        game.reset(1, 0);
        int[] snapshot = new int[game.snapshotSize()];
        game.save(snapshot);
        game.step(2, 1);
        long first = game.stateHash();
        game.load(snapshot);
        game.step(2, 1);
        assertNotEquals(first, game.stateHash());
    }

    @Test
    void isDeterministicBeforeTheFirstBadFrame() {
        NondeterministicGame a = new NondeterministicGame(30);
        NondeterministicGame b = new NondeterministicGame(30);
        a.reset(1, 0);
        b.reset(1, 0);
        for (int f = 0; f < 30; f++) {
            a.step(f % 6, 5 - f % 6);
            b.step(f % 6, 5 - f % 6);
            assertEquals(a.stateHash(), b.stateHash(), "frame " + f);
        }
        a.step(0, 0);
        b.step(0, 0);
        assertNotEquals(a.stateHash(), b.stateHash(), "frame 30 must diverge");
    }
}
