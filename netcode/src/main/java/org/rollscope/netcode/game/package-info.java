/**
 * The {@link org.rollscope.netcode.game.Game} contract and the deterministic {@link
 * org.rollscope.netcode.game.ReferenceGame} (integer-physics slime volleyball) that the rollback engine, the
 * simulator and the benchmarks run; {@code game.bot} holds the bots that play it.
 *
 * <p>May import only {@code java.*} and {@code org.rollscope.netcode} (Frames): no engine, transport or wire types,
 * no floating point in any state or step, no clock and no shared random source.
 */
package org.rollscope.netcode.game;
