package org.rollscope.netcode.game;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.rollscope.netcode.game.bot.Bot;
import org.rollscope.netcode.game.bot.RandomBot;
import org.rollscope.netcode.game.bot.ScriptedBot;

class ReferenceGameDeterminismTest {

    private static final int FRAMES = 10_000;

    @Test
    void twoGamesFedTheSameActionsAgreeOnEveryFrameHash() {
        ReferenceGame a = new ReferenceGame();
        ReferenceGame b = new ReferenceGame();
        Bot bot0 = new RandomBot(11, 0, SlimeAction.COUNT);
        Bot bot1 = new RandomBot(11, 1, SlimeAction.COUNT);
        // 10k frames span several episodes: each game is reset to the next episode whenever one ends.
        int episode = 0;
        a.reset(11, episode);
        b.reset(11, episode);
        int episodesEnded = 0;
        for (int i = 0; i < FRAMES; i++) {
            int f = a.frame();
            int act0 = bot0.action(episode, f);
            int act1 = bot1.action(episode, f);
            StepResult ra = a.step(act0, act1);
            StepResult rb = b.step(act0, act1);
            assertEquals(ra, rb, "results at step " + i);
            assertEquals(a.stateHash(), b.stateHash(), "hash at step " + i + " (episode " + episode + ", frame " + f + ")");
            if (ra.episodeOver()) {
                episode++;
                episodesEnded++;
                a.reset(11, episode);
                b.reset(11, episode);
                assertEquals(a.stateHash(), b.stateHash(), "initial hash of episode " + episode);
            }
        }
        assertEquals(true, episodesEnded >= 3, "10k frames should hold several episodes, ended " + episodesEnded);
    }

    @Test
    void resetGivesTheSameInitialStateEveryTime() {
        ReferenceGame game = new ReferenceGame();
        game.reset(5, 3);
        long initial = game.stateHash();
        Play.untilOver(game, 3, new RandomBot(5, 0, 6), new RandomBot(5, 1, 6));
        game.reset(5, 3);
        assertEquals(initial, game.stateHash());
        assertEquals(0, game.frame());
        assertEquals(false, game.episodeOver());
    }

    @Test
    void seedAndEpisodeBothChangeTheInitialState() {
        ReferenceGame game = new ReferenceGame();
        java.util.Set<Long> initialHashes = new java.util.HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            for (int episode = 0; episode < 10; episode++) {
                game.reset(seed, episode);
                initialHashes.add(game.stateHash());
            }
        }
        assertEquals(100, initialHashes.size(), "distinct initial states of 10 seeds x 10 episodes");
        game.reset(1, 2);
        long oneTwo = game.stateHash();
        game.reset(2, 1);
        assertNotEquals(oneTwo, game.stateHash());
    }

    @Test
    void bothServersAppearAcrossEpisodes() {
        ReferenceGame game = new ReferenceGame();
        int leftServes = 0;
        for (int episode = 0; episode < 40; episode++) {
            game.reset(9, episode);
            if (game.view().ballXSubpx() < Court.NET_X_SUBPX) {
                leftServes++;
            }
        }
        assertEquals(true, leftServes > 5 && leftServes < 35, "player 0 served " + leftServes + " of 40 episodes");
    }

    /**
     * A golden hash pinned from this implementation's own run (not from an outside source): it exists to catch any
     * change in physics, constants, serve randomness, state layout or hash, each of which would silently make
     * recordings and exports from different Rollscope versions incomparable. If you change the physics on purpose,
     * re-pin these values and say so in the commit message.
     */
    @Test
    void scriptedRunMatchesThePinnedGoldenHash() {
        ReferenceGame game = new ReferenceGame();
        long[] hashes = Play.hashes(game, 42, 0, new ScriptedBot(0), new ScriptedBot(1), 1_000);
        assertEquals(1_000, hashes.length, "episode ended early at frame " + hashes.length);
        assertEquals(GOLDEN_SCRIPTED_1000, hashes[999], () -> String.format("got 0x%016xL", hashes[999]));
        CourtView v = game.view();
        assertArrayEquals(GOLDEN_SCRIPTED_VIEW_1000, new int[] {v.score0(), v.score1(), v.ballXSubpx(), v.ballYSubpx(),
                v.slime0XSubpx(), v.slime0YSubpx(), v.slime1XSubpx(), v.slime1YSubpx()});
    }

    /** Same pin for random bots over a whole episode: also pins RandomBot's hold and action draws. */
    @Test
    void randomEpisodeMatchesThePinnedGoldenOutcome() {
        ReferenceGame game = new ReferenceGame();
        StepResult last;
        game.reset(2024, 1);
        last = Play.untilOver(game, 1, new RandomBot(2024, 0, 6), new RandomBot(2024, 1, 6));
        assertEquals(true, last.terminal());
        assertEquals(GOLDEN_RANDOM_FINAL, game.stateHash(), () -> String.format("got 0x%016xL", game.stateHash()));
        assertArrayEquals(GOLDEN_RANDOM_FRAME_AND_SCORES, new int[] {game.frame(), game.score(0), game.score(1)});
    }

    // Pinned from this implementation on 2026-11-21 (see the Javadoc above for why a self-pinned value is legitimate).
    private static final long GOLDEN_SCRIPTED_1000 = 0x790ced3711668888L;
    /** score0, score1, ball x, ball y, slime0 x, slime0 y, slime1 x, slime1 y after 1,000 scripted frames. */
    private static final int[] GOLDEN_SCRIPTED_VIEW_1000 = {11, 9, 42765, 32284, 51200, 22656, 108544, 22656};
    private static final long GOLDEN_RANDOM_FINAL = 0xa2e418e4129c8d1dL;
    /** final frame, score0, score1 of seed 2024, episode 1, random bots. */
    private static final int[] GOLDEN_RANDOM_FRAME_AND_SCORES = {1590, 15, 13};
}
