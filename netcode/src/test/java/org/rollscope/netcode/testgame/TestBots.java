package org.rollscope.netcode.testgame;

import org.rollscope.netcode.sim.ActionSource;

/** Trivial deterministic bots for engine tests: pure functions of (seed, player, episode, frame). */
public final class TestBots {
    private TestBots() {}

    /** Changes action every few frames (like a person), seeded, so predictions are often right but not always. */
    public static ActionSource sticky(long seed, int actionCount) {
        return (player, episode, frame) -> {
            long x = seed * 0x9E3779B97F4A7C15L + player * 0xBF58476D1CE4E5B9L + episode * 0x94D049BB133111EBL
                    + (frame / 7);
            x ^= x >>> 31;
            x *= 0x7FB5D329728EA185L;
            x ^= x >>> 27;
            return (int) Long.remainderUnsigned(x, actionCount);
        };
    }

    /** A new random action every frame: the worst case for prediction. */
    public static ActionSource jumpy(long seed, int actionCount) {
        return (player, episode, frame) -> {
            long x = seed * 0x9E3779B97F4A7C15L + player * 0xBF58476D1CE4E5B9L + episode * 0x94D049BB133111EBL + frame;
            x ^= x >>> 31;
            x *= 0x7FB5D329728EA185L;
            x ^= x >>> 29;
            return (int) Long.remainderUnsigned(x, actionCount);
        };
    }
}
