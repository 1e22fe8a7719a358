package org.rollscope.netcode.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.game.NondeterministicGame;
import org.rollscope.netcode.game.ReferenceGame;
import org.rollscope.netcode.sim.ActionSource;
import org.rollscope.netcode.testgame.CounterGame;
import org.rollscope.netcode.testgame.HiddenStateGame;
import org.rollscope.netcode.testgame.TestBots;

class SyncTestSessionTest {

    static SyncTestSession run(Game game, int distance, int ticks, long seed) {
        SyncTestSession s = new SyncTestSession(distance, game.snapshotSize());
        FrameRunner runner = new FrameRunner(game, seed);
        ActionSource bot = TestBots.jumpy(seed, game.actionCount());
        for (int t = 0; t < ticks; t++) {
            int f = s.frame();
            int e = Math.max(0, s.episode());
            runner.run(s.advanceFrame(bot.action(0, e, f), bot.action(1, e, f)), s, t);
        }
        return s;
    }

    @ParameterizedTest(name = "check distance {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void deterministicGamePassesAcrossEpisodes(int distance) {
        SyncTestSession s = run(new CounterGame(300, 97), distance, 2000, distance);
        assertTrue(s.episode() >= 2, "several episodes played: " + s.episode());
        assertTrue(s.framesChecked() > 1500L * distance / 2, "frames checked " + s.framesChecked());
        assertEquals(0, s.mismatchCount(), "mismatches " + s.mismatches());
    }

    @ParameterizedTest(name = "check distance {0}")
    @ValueSource(ints = {1, 4, 8})
    void nondeterministicGameIsCaughtAtItsFirstReplay(int distance) {
        SyncTestSession s = run(new HiddenStateGame(), distance, 200, 3);
        assertFalse(s.mismatches().isEmpty());
        SyncTestSession.Mismatch first = s.mismatches().get(0);
        assertEquals(0, first.episode());
        assertTrue(first.frame() < distance + 1, "caught at frame " + first.frame());
        assertTrue(first.firstHash() != first.replayHash());
    }

    @ParameterizedTest(name = "check distance {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void referenceGamePasses(int distance) {
        SyncTestSession s = run(new ReferenceGame(new ReferenceGame.Config(600, 2)), distance, 1500, 40 + distance);
        assertTrue(s.framesChecked() > 1000L * distance / 2, "frames checked " + s.framesChecked());
        assertEquals(0, s.mismatchCount(), "mismatches " + s.mismatches());
    }

    @Test
    void nondeterministicReferenceGameIsCaughtAtItsFirstBadFrame() {
        SyncTestSession s = run(new NondeterministicGame(100), 4, 300, 2);
        assertFalse(s.mismatches().isEmpty());
        assertEquals(100, s.mismatches().get(0).frame(), "nothing reported before the first bad frame");
    }

    @Test
    void checkDistanceIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SyncTestSession(0, 4));
        assertTrue(e.getMessage().contains("checkDistance"));
    }
}
