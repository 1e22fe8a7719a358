/**
 * The rollback engine: {@link org.rollscope.netcode.engine.RollbackSession} (one symmetric peer),
 * {@link org.rollscope.netcode.engine.SyncTestSession} (determinism check), the requests they return, the driver that
 * carries those out on a {@code Game} ({@link org.rollscope.netcode.engine.FrameRunner}), and the confirmed-frame
 * export. Sans-IO: may import {@code input}, {@code sync}, {@code timesync}, {@code game} and {@code wire} message
 * values; never sockets, transports, threads or the wall clock (time is passed in).
 */
package org.rollscope.netcode.engine;
