package org.rollscope.netcode.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rollscope.netcode.game.bot.Bot;
import org.rollscope.netcode.game.bot.RandomBot;

class ReferenceGameSnapshotTest {

    private final Bot bot0 = new RandomBot(3, 0, SlimeAction.COUNT);
    private final Bot bot1 = new RandomBot(3, 1, SlimeAction.COUNT);

    @Test
    void snapshotSizeIsConstant() {
        ReferenceGame game = new ReferenceGame();
        int size = game.snapshotSize();
        game.reset(1, 1);
        Play.untilOver(game, 1, bot0, bot1);
        assertEquals(size, game.snapshotSize());
        assertEquals(ReferenceGame.SNAPSHOT_SIZE, size);
    }

    /** The rollback pattern: save at frame k, run ahead, restore, replay; every replayed frame must match. */
    @Test
    void restoreAtEveryFrameOfAnEpisodeReplaysIdentically() {
        ReferenceGame game = new ReferenceGame();
        long[] reference = Play.hashes(game, 3, 0, bot0, bot1, 100_000);
        assertTrue(game.episodeOver());
        int[] snapshot = new int[game.snapshotSize()];
        game.reset(3, 0);
        int checked = 0;
        for (int k = 0; k + 8 < reference.length; k++) {
            game.save(snapshot);
            long savedHash = game.stateHash();
            for (int f = k; f < k + 8; f++) {                 // run ahead 8 frames (with other inputs)
                game.step((bot0.action(0, f) + 1) % SlimeAction.COUNT, bot1.action(0, f));
            }
            game.load(snapshot);
            assertEquals(savedHash, game.stateHash(), "hash after restore to frame " + k);
            assertEquals(k, game.frame());
            game.step(bot0.action(0, k), bot1.action(0, k));
            assertEquals(reference[k], game.stateHash(), "replayed frame " + k);
            checked++;
        }
        assertTrue(checked > 1000, "checked " + checked + " frames");
    }

    @Test
    void restoreWithTheBallInTheAirAndPointsScoredContinuesIdentically() {
        ReferenceGame game = new ReferenceGame();
        game.reset(3, 0);
        // play until both players have scored and the ball is high in the air
        while (!(game.score(0) > 0 && game.score(1) > 0 && game.view().ballYSubpx() > 100 * Court.SUBPX_PER_PX
                && game.view().ballYSubpx() < Court.SERVE_HEIGHT_SUBPX)) {
            int f = game.frame();
            assertTrue(!game.step(bot0.action(0, f), bot1.action(0, f)).episodeOver(), "episode ended first");
        }
        int[] snapshot = new int[game.snapshotSize()];
        game.save(snapshot);
        int savedFrame = game.frame();
        long[] ahead = continueFor(game, savedFrame, 300);   // crosses at least one more point and serve

        ReferenceGame other = new ReferenceGame();             // a fresh game restored from the snapshot
        other.load(snapshot);
        assertEquals(savedFrame, other.frame());
        assertEquals(game.config(), other.config());
        long[] restored = continueFor(other, savedFrame, 300);
        assertEquals(java.util.Arrays.toString(ahead), java.util.Arrays.toString(restored));
    }

    @Test
    void snapshotCarriesTheServeRandomness() {
        // Two states equal except for the generator must serve differently after the next point.
        ReferenceGame a = new ReferenceGame();
        ReferenceGame b = new ReferenceGame();
        a.reset(1, 0);
        b.reset(1, 0);
        int[] snap = new int[a.snapshotSize()];
        b.save(snap);
        snap[ReferenceGame.RNG_LO] ^= 0x5A5A;
        b.load(snap);
        int serveA = 0;
        int serveB = 0;
        for (int f = 0; serveA == serveB && f < 5_000; f++) {
            StepResult ra = a.step(0, 0);
            b.step(0, 0);
            if (ra.reward0() != 0) {
                serveA = a.view().ballXSubpx();
                serveB = b.view().ballXSubpx();
            }
        }
        assertTrue(serveA != serveB, "serve offsets should differ: " + serveA + " vs " + serveB);
    }

    @Test
    void shortBuffersAreRejected() {
        ReferenceGame game = new ReferenceGame();
        int[] tooShort = new int[game.snapshotSize() - 1];
        assertThrows(IllegalArgumentException.class, () -> game.save(tooShort));
        assertThrows(IllegalArgumentException.class, () -> game.load(tooShort));
    }

    private long[] continueFor(ReferenceGame game, int fromFrame, int frames) {
        long[] hashes = new long[frames];
        for (int i = 0; i < frames && !game.episodeOver(); i++) {
            int f = fromFrame + i;
            game.step(bot0.action(0, f), bot1.action(0, f));
            hashes[i] = game.stateHash();
        }
        return hashes;
    }
}
