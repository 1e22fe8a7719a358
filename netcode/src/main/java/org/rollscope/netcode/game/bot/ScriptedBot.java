package org.rollscope.netcode.game.bot;

import java.util.List;
import org.rollscope.netcode.game.SlimeAction;

/**
 * Plays a fixed cycle of held actions, the same in every episode: easy to read in an export and to reason about in a
 * test. Player 1 runs the cycle half a period behind player 0, so the two slimes do not mirror each other.
 *
 * <p>Immutable and thread-safe; {@link #action} is O(log holds) and allocation-free.
 */
public final class ScriptedBot implements Bot {

    /**
     * One step of the cycle: {@code action} held for {@code frames} frames.
     *
     * @param action the action id (non-negative)
     * @param frames how long it is held (positive)
     */
    public record Hold(int action, int frames) {
        /** @throws IllegalArgumentException if action is negative or frames not positive */
        public Hold {
            if (action < 0 || frames <= 0) {
                throw new IllegalArgumentException("hold needs action >= 0 and frames > 0, was " + action + " x " + frames);
            }
        }
    }

    /**
     * The reference game's cycle (90 frames): run right 24, run-jump right 12, run left 24, run-jump left 12, jump on
     * the spot 8, stand 10.
     */
    public static final List<Hold> REFERENCE_CYCLE = List.of(
            new Hold(SlimeAction.RIGHT.id(), 24),
            new Hold(SlimeAction.RIGHT_JUMP.id(), 12),
            new Hold(SlimeAction.LEFT.id(), 24),
            new Hold(SlimeAction.LEFT_JUMP.id(), 12),
            new Hold(SlimeAction.JUMP.id(), 8),
            new Hold(SlimeAction.IDLE.id(), 10));

    private final int playerIndex;
    private final int[] holdStarts;   // frame within the cycle at which each hold starts, ascending
    private final int[] actions;
    private final int cycleFrames;

    /** The {@link #REFERENCE_CYCLE} for {@code playerIndex} (0 or 1). */
    public ScriptedBot(int playerIndex) {
        this(playerIndex, REFERENCE_CYCLE);
    }

    /**
     * @param playerIndex 0 or 1; player 1 starts half a cycle later
     * @param cycle the holds, repeated for ever (not empty)
     * @throws IllegalArgumentException if playerIndex is not 0 or 1, or the cycle is empty
     */
    public ScriptedBot(int playerIndex, List<Hold> cycle) {
        if (playerIndex < 0 || playerIndex > 1) {
            throw new IllegalArgumentException("playerIndex must be 0 or 1, was " + playerIndex);
        }
        if (cycle.isEmpty()) {
            throw new IllegalArgumentException("a scripted cycle needs at least one hold");
        }
        this.playerIndex = playerIndex;
        this.holdStarts = new int[cycle.size()];
        this.actions = new int[cycle.size()];
        int start = 0;
        for (int i = 0; i < cycle.size(); i++) {
            holdStarts[i] = start;
            actions[i] = cycle.get(i).action();
            start = Math.addExact(start, cycle.get(i).frames());
        }
        this.cycleFrames = start;
    }

    /** The largest action id in the cycle, to check it against a game's action count. */
    public int maxAction() {
        int max = 0;
        for (int a : actions) {
            max = Math.max(max, a);
        }
        return max;
    }

    @Override
    public int action(int episode, int frame) {
        BotArgs.checkEpisodeAndFrame(episode, frame);
        long shifted = frame + (long) playerIndex * (cycleFrames / 2);
        int inCycle = (int) (shifted % cycleFrames);
        int i = java.util.Arrays.binarySearch(holdStarts, inCycle);
        return actions[i >= 0 ? i : -i - 2];
    }

    @Override
    public String toString() {
        return "scripted(player=" + playerIndex + ", cycle=" + cycleFrames + " frames)";
    }
}
