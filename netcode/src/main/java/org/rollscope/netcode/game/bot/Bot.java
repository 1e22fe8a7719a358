package org.rollscope.netcode.game.bot;

/**
 * Chooses one player's action for a frame.
 *
 * <p>Contract: {@link #action} is a pure function of the bot's construction arguments (seed, player index, script or
 * file) and of (episode, frame). It never looks at the simulated state, because a rollback peer simulates predicted,
 * possibly wrong states, and the parity tests compare it with a lockstep run fed by the same bots. Calls may come in
 * any order (random access), and repeated calls give the same answer.
 *
 * <p>Threads: implementations are immutable and may be called from any thread. Never blocks.
 */
public interface Bot {

    /**
     * The action for {@code frame} (0-based, frames since the episode's reset) of {@code episode} (0-based).
     *
     * @return an action in {@code [0, actionCount)} of the game the bot was built for
     * @throws IllegalArgumentException if {@code episode} or {@code frame} is negative
     */
    int action(int episode, int frame);
}
