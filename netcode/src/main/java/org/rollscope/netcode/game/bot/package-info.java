/**
 * Bots that play a {@link org.rollscope.netcode.game.Game}: seeded random, scripted, idle and replay of a recorded
 * action file ({@link org.rollscope.netcode.game.bot.ActionFile}), built from a CLI spec by {@link
 * org.rollscope.netcode.game.bot.Bots#parse}. Every bot's action is a pure function of (seed, player, episode, frame),
 * never of the simulated state, so a peer on a predicted state and a lockstep run agree on the inputs.
 *
 * <p>May import only {@code java.*} and {@code org.rollscope.netcode.game}: no engine, transport or wire types.
 */
package org.rollscope.netcode.game.bot;
