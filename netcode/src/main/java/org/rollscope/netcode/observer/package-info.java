/**
 * The observer side of the relay's {@code /observer} namespace (telemetry.md §3): the protocol's messages as records
 * ({@link org.rollscope.netcode.observer.SessionEvent}, {@link org.rollscope.netcode.observer.SessionsSnapshot}, ...)
 * and {@link org.rollscope.netcode.observer.ObserverClient}, used by the console and {@code rollscope ctl}. It may
 * import {@code health} and {@code transport} records, never the relay's internals and never JavaFX.
 */
package org.rollscope.netcode.observer;
