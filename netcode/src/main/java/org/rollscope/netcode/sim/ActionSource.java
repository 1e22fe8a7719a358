package org.rollscope.netcode.sim;

/**
 * Where a simulated player's actions come from: a pure function of (player, episode, frame), so that the rollback run
 * and the lockstep run see the same actions. Bots implement it.
 */
@FunctionalInterface
public interface ActionSource {
    /** The action of {@code player} (0 or 1) at {@code frame} (0-based) of {@code episode} (0-based). */
    int action(int player, int episode, int frame);
}
