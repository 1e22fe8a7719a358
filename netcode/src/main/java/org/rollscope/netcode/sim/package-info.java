/**
 * The in-process simulator: two {@link org.rollscope.netcode.engine.RollbackSession}s on a virtual clock, joined by a
 * simulated impaired link per direction, plus the lockstep reference run and the parity check. May import the engine,
 * game, transport's impairment model and wire message values; no sockets, no threads, no wall clock.
 */
package org.rollscope.netcode.sim;
