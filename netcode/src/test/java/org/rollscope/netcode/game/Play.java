package org.rollscope.netcode.game;

import org.rollscope.netcode.game.bot.Bot;

/** Test helper: drives a game with two bots and records what happened. */
final class Play {

    private Play() {}

    /** Hashes after each of up to {@code frames} steps of one episode (shorter if the episode ends). */
    static long[] hashes(Game game, long seed, int episode, Bot bot0, Bot bot1, int frames) {
        game.reset(seed, episode);
        long[] hashes = new long[frames];
        for (int f = 0; f < frames; f++) {
            StepResult r = game.step(bot0.action(episode, f), bot1.action(episode, f));
            hashes[f] = game.stateHash();
            if (r.episodeOver()) {
                return java.util.Arrays.copyOf(hashes, f + 1);
            }
        }
        return hashes;
    }

    /** Steps until the episode ends; returns the last result. */
    static StepResult untilOver(Game game, int episode, Bot bot0, Bot bot1) {
        StepResult r;
        do {
            int f = game.frame();
            r = game.step(bot0.action(episode, f), bot1.action(episode, f));
        } while (!r.episodeOver());
        return r;
    }
}
