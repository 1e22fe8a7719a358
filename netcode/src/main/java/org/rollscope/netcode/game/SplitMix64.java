package org.rollscope.netcode.game;

/**
 * Steele, Lea and Flood's SplitMix64 generator, written for this project as pure functions on a {@code long} state,
 * so that the state can live inside a game snapshot and bots can hash (seed, player, episode, frame) counters.
 *
 * <p>Integer-only and therefore bit-exact on every JVM. Stateless and thread-safe.
 */
public final class SplitMix64 {

    /** The generator's increment: 2^64 divided by the golden ratio, rounded to odd. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {}

    /** The SplitMix64 output function: a bijective avalanche mix of {@code z}. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The state that follows {@code state}; the value drawn at that step is {@code mix(next(state))}. */
    public static long next(long state) {
        return state + GOLDEN_GAMMA;
    }

    /** A well-mixed hash of two values, order-sensitive: {@code combine(a, b) != combine(b, a)} in general. */
    public static long combine(long a, long b) {
        return mix(mix(a + GOLDEN_GAMMA) ^ b);
    }

    /**
     * A uniform draw in {@code [0, bound)} from a mixed value, by the high-bits multiply method (no modulo bias worth
     * speaking of for bounds this small).
     *
     * @throws IllegalArgumentException if {@code bound} is not positive
     */
    public static int below(long mixed, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, was " + bound);
        }
        return (int) (((mixed >>> 32) * bound) >>> 32);
    }
}
