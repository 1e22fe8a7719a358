package org.rollscope.netcode.game;

/**
 * What one frame produced: each player's reward and whether the episode ended.
 *
 * @param reward0 player 0's reward for this frame
 * @param reward1 player 1's reward for this frame
 * @param terminal the game reached a natural end (a match was decided)
 * @param truncated the episode hit its frame limit without a natural end
 */
public record StepResult(double reward0, double reward1, boolean terminal, boolean truncated) {

    /** True when the episode is over after this frame, for either reason. */
    public boolean episodeOver() {
        return terminal || truncated;
    }
}
