package org.rollscope.netcode.game.bot;

import org.rollscope.netcode.game.SplitMix64;

/**
 * Random play with persistence, like a human holding keys: the frames of an episode are cut into windows of
 * {@value #WINDOW_FRAMES} frames, each window is split at a random point into two holds of {@value #MIN_HOLD_FRAMES}
 * to {@value #MAX_HOLD_FRAMES} frames, and each hold gets a uniformly random action. Every choice is a SplitMix64 hash
 * of (seed, player, episode, window, hold), so {@link #action} is O(1), allocation-free, and independent of call order.
 *
 * <p>Immutable and thread-safe.
 */
public final class RandomBot implements Bot {

    /** Shortest hold of one action, in frames. */
    public static final int MIN_HOLD_FRAMES = 3;
    /** Longest hold of one action, in frames. */
    public static final int MAX_HOLD_FRAMES = 20;
    /** Frames per window: two holds, each within [MIN_HOLD_FRAMES, MAX_HOLD_FRAMES]. */
    static final int WINDOW_FRAMES = MIN_HOLD_FRAMES + MAX_HOLD_FRAMES;

    private final long seed;
    private final int playerIndex;
    private final int actionCount;
    private final long key;     // (seed, player) folded once

    /**
     * @param seed the session seed; bots of different seeds play differently
     * @param playerIndex 0 or 1; the two players of one seed play differently
     * @param actionCount the game's action count (1..256)
     * @throws IllegalArgumentException if playerIndex or actionCount is out of range
     */
    public RandomBot(long seed, int playerIndex, int actionCount) {
        if (playerIndex < 0 || playerIndex > 1) {
            throw new IllegalArgumentException("playerIndex must be 0 or 1, was " + playerIndex);
        }
        if (actionCount < 1 || actionCount > 256) {
            throw new IllegalArgumentException("actionCount must be in [1, 256], was " + actionCount);
        }
        this.seed = seed;
        this.playerIndex = playerIndex;
        this.actionCount = actionCount;
        this.key = SplitMix64.combine(seed, playerIndex);
    }

    @Override
    public int action(int episode, int frame) {
        BotArgs.checkEpisodeAndFrame(episode, frame);
        int window = frame / WINDOW_FRAMES;
        long windowKey = SplitMix64.combine(SplitMix64.combine(key, episode), window);
        int firstHoldFrames = MIN_HOLD_FRAMES
                + SplitMix64.below(windowKey, MAX_HOLD_FRAMES - MIN_HOLD_FRAMES + 1);
        int hold = frame % WINDOW_FRAMES < firstHoldFrames ? 1 : 2;
        return SplitMix64.below(SplitMix64.combine(windowKey, hold), actionCount);
    }

    @Override
    public String toString() {
        return "random(seed=" + seed + ", player=" + playerIndex + ", actions=" + actionCount + ")";
    }
}
