package org.rollscope.netcode.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollscope.netcode.game.bot.Bot;
import org.rollscope.netcode.game.bot.RandomBot;

class ReferenceGameRulesTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3, 17, 99, 1234, -7})
    void randomBotsFinishAnEpisodeWithRewardsThatMatchTheScore(long seed) {
        ReferenceGame game = new ReferenceGame();
        Bot bot0 = new RandomBot(seed, 0, SlimeAction.COUNT);
        Bot bot1 = new RandomBot(seed, 1, SlimeAction.COUNT);
        game.reset(seed, 0);
        double sum0 = 0;
        double sum1 = 0;
        int points = 0;
        StepResult r;
        do {
            int f = game.frame();
            r = game.step(bot0.action(0, f), bot1.action(0, f));
            assertTrue(r.reward0() == -r.reward1(), "zero-sum at frame " + f + ": " + r);
            assertTrue(Math.abs(r.reward0()) == 1 || r.reward0() == 0, "reward " + r.reward0() + " at frame " + f);
            sum0 += r.reward0();
            sum1 += r.reward1();
            points += r.reward0() != 0 ? 1 : 0;
        } while (!r.episodeOver());
        String where = "seed " + seed + ", ended at frame " + game.frame() + " with " + game.view();
        assertTrue(r.terminal(), "terminal, " + where);
        assertFalse(r.truncated(), where);
        assertTrue(game.episodeOver(), where);
        int pointsToWin = ReferenceGame.Config.DEFAULT.pointsToWin();
        assertEquals(pointsToWin, Math.max(game.score(0), game.score(1)), where);
        assertEquals(game.score(0) + game.score(1), points, where);
        assertEquals(game.score(0) - game.score(1), sum0, where);
        assertEquals(-sum0, sum1, where);
        assertTrue(game.frame() < ReferenceGame.Config.DEFAULT.maxFrames(), where);
    }

    @Test
    void truncatesAtMaxFramesWithTheTruncatedFlag() {
        ReferenceGame game = new ReferenceGame(new ReferenceGame.Config(50, 15));
        game.reset(4, 0);
        for (int f = 0; f < 49; f++) {
            assertFalse(game.step(0, 0).episodeOver(), "frame " + f);
        }
        StepResult last = game.step(0, 0);
        assertTrue(last.truncated());
        assertFalse(last.terminal());
        assertEquals(50, game.frame());
        assertTrue(game.episodeOver());
        assertTrue(game.view().truncated());
    }

    @Test
    void aPointOnTheLastFrameIsTerminalNotTruncated() {
        ReferenceGame probe = new ReferenceGame(new ReferenceGame.Config(10_000, 1));
        probe.reset(8, 0);
        StepResult r;
        do {
            r = probe.step(0, 0);
        } while (!r.episodeOver());
        int pointFrame = probe.frame();
        ReferenceGame game = new ReferenceGame(new ReferenceGame.Config(pointFrame, 1));
        game.reset(8, 0);
        do {
            r = game.step(0, 0);
        } while (!r.episodeOver());
        assertEquals(pointFrame, game.frame());
        assertTrue(r.terminal());
        assertFalse(r.truncated());
    }

    @Test
    void stepAfterTheEndThrowsUntilReset() {
        ReferenceGame game = new ReferenceGame(new ReferenceGame.Config(3, 15));
        game.reset(0, 0);
        game.step(0, 0);
        game.step(0, 0);
        game.step(0, 0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> game.step(0, 0));
        assertTrue(e.getMessage().contains("frame 3"), e.getMessage());
        game.reset(0, 1);
        game.step(0, 0);
        assertEquals(1, game.frame());
    }

    @ParameterizedTest(name = "action {0}")
    @ValueSource(ints = {-1, 6, 7, 255, Integer.MIN_VALUE})
    void actionsOutsideTheTableAreRejectedWithoutChangingTheState(int bad) {
        ReferenceGame game = new ReferenceGame();
        long before = game.stateHash();
        IllegalArgumentException e0 = assertThrows(IllegalArgumentException.class, () -> game.step(bad, 0));
        assertTrue(e0.getMessage().contains("player 0"), e0.getMessage());
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> game.step(0, bad));
        assertTrue(e1.getMessage().contains("player 1"), e1.getMessage());
        assertEquals(before, game.stateHash());
    }

    @Test
    void configRejectsNonPositiveLimits() {
        assertThrows(IllegalArgumentException.class, () -> new ReferenceGame.Config(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceGame.Config(10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceGame(null));
    }

    @ParameterizedTest(name = "player {0}")
    @ValueSource(ints = {0, 1})
    void eachPlayersInputAloneChangesTheTrajectoryWithinAFewFrames(int player) {
        for (int action = 1; action < SlimeAction.COUNT; action++) {
            ReferenceGame idle = new ReferenceGame();
            ReferenceGame moving = new ReferenceGame();
            idle.reset(6, 0);
            moving.reset(6, 0);
            int divergedAt = -1;
            for (int f = 0; f < 3 && divergedAt < 0; f++) {
                idle.step(0, 0);
                moving.step(player == 0 ? action : 0, player == 1 ? action : 0);
                if (idle.stateHash() != moving.stateHash()) {
                    divergedAt = f;
                }
            }
            assertEquals(0, divergedAt, "player " + player + " action " + SlimeAction.of(action));
        }
    }

    @ParameterizedTest(name = "player {0}")
    @ValueSource(ints = {0, 1})
    void eachPlayersInputAloneChangesTheBallsFlight(int player) {
        // Same opponent, same seed; only this player's bot differs. The ball must fly differently within a rally.
        Bot same = new RandomBot(21, 1 - player, 6);
        Bot mine = new RandomBot(21, player, 6);
        Bot other = new RandomBot(22, player, 6);
        ReferenceGame a = new ReferenceGame();
        ReferenceGame b = new ReferenceGame();
        a.reset(21, 0);
        b.reset(21, 0);
        int ballDivergedAt = -1;
        for (int f = 0; f < 600 && ballDivergedAt < 0; f++) {
            a.step(player == 0 ? mine.action(0, f) : same.action(0, f), player == 1 ? mine.action(0, f) : same.action(0, f));
            b.step(player == 0 ? other.action(0, f) : same.action(0, f), player == 1 ? other.action(0, f) : same.action(0, f));
            if (a.view().ballXSubpx() != b.view().ballXSubpx() || a.view().ballYSubpx() != b.view().ballYSubpx()) {
                ballDivergedAt = f;
            }
        }
        assertTrue(ballDivergedAt >= 0, "player " + player + "'s actions never changed the ball in 600 frames");
    }

    @Test
    void bothPlayersCanHitTheBall() {
        // A hit shows as the ball rising while above slime height: count rises caused on each half.
        int[] hits = new int[2];
        ReferenceGame game = new ReferenceGame();
        for (long seed = 0; seed < 5; seed++) {
            Bot b0 = new RandomBot(seed, 0, 6);
            Bot b1 = new RandomBot(seed, 1, 6);
            game.reset(seed, 0);
            int lastVy = 0;
            while (!game.episodeOver()) {
                int f = game.frame();
                game.step(b0.action(0, f), b1.action(0, f));
                int[] s = new int[game.snapshotSize()];
                game.save(s);
                int vy = s[ReferenceGame.BALL_VY];
                if (lastVy < 0 && vy > 0 && s[ReferenceGame.BALL_Y] > Court.NET_HEIGHT_SUBPX + Court.BALL_RADIUS_SUBPX) {
                    hits[s[ReferenceGame.BALL_X] < Court.NET_X_SUBPX ? 0 : 1]++;
                }
                lastVy = vy;
            }
        }
        assertTrue(hits[0] > 20 && hits[1] > 20, "hits per half " + java.util.Arrays.toString(hits));
    }

    @Test
    void ballAndSlimesStayInsideTheCourt() {
        ReferenceGame game = new ReferenceGame();
        for (long seed = 0; seed < 5; seed++) {
            Bot b0 = new RandomBot(seed, 0, 6);
            Bot b1 = new RandomBot(seed, 1, 6);
            game.reset(seed, 2);
            while (!game.episodeOver()) {
                int f = game.frame();
                game.step(b0.action(2, f), b1.action(2, f));
                CourtView v = game.view();
                String where = "seed " + seed + " frame " + f + ": " + v;
                assertTrue(v.ballXSubpx() >= Court.BALL_RADIUS_SUBPX
                        && v.ballXSubpx() <= Court.WIDTH_SUBPX - Court.BALL_RADIUS_SUBPX, where);
                assertTrue(v.ballYSubpx() <= Court.HEIGHT_SUBPX - Court.BALL_RADIUS_SUBPX, where);
                assertTrue(v.slime0XSubpx() >= Court.SLIME0_MIN_X_SUBPX && v.slime0XSubpx() <= Court.SLIME0_MAX_X_SUBPX, where);
                assertTrue(v.slime1XSubpx() >= Court.SLIME1_MIN_X_SUBPX && v.slime1XSubpx() <= Court.SLIME1_MAX_X_SUBPX, where);
                assertTrue(v.slime0YSubpx() >= 0 && v.slime1YSubpx() >= 0, where);
            }
        }
    }

    @Test
    void viewDescribesTheServe() {
        ReferenceGame game = new ReferenceGame();
        game.reset(12, 0);
        CourtView v = game.view();
        assertEquals(0, v.frame());
        assertEquals(0, v.score0());
        assertEquals(0, v.score1());
        assertEquals(Court.SERVE_HEIGHT_SUBPX, v.ballYSubpx());
        int server = v.ballXSubpx() < Court.NET_X_SUBPX ? Court.SLIME0_HOME_X_SUBPX : Court.SLIME1_HOME_X_SUBPX;
        int offset = Math.abs(v.ballXSubpx() - server);
        assertTrue(offset >= Court.SERVE_MIN_OFFSET_SUBPX && offset <= Court.SERVE_MAX_OFFSET_SUBPX, "offset " + offset);
        assertEquals(Court.SLIME0_HOME_X_SUBPX, v.slime0XSubpx());
        assertEquals(Court.SLIME1_HOME_X_SUBPX, v.slime1XSubpx());
        assertEquals(Court.WIDTH_SUBPX, v.widthSubpx());
        assertEquals(Court.NET_HEIGHT_SUBPX, v.netHeightSubpx());
        assertFalse(v.terminal() || v.truncated());
    }

    @Test
    void actionTableHasSixActionsWithIdleFirst() {
        assertEquals(6, new ReferenceGame().actionCount());
        assertEquals(SlimeAction.IDLE, SlimeAction.of(0));
        assertEquals(0, SlimeAction.IDLE.direction());
        assertFalse(SlimeAction.IDLE.jump());
        assertEquals(SlimeAction.RIGHT_JUMP, SlimeAction.of(5));
        assertThrows(IllegalArgumentException.class, () -> SlimeAction.of(6));
    }
}
