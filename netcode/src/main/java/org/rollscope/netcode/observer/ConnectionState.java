package org.rollscope.netcode.observer;

/** Where an {@link ObserverClient} stands with the relay. */
public enum ConnectionState {
    /** First attempt under way. */
    CONNECTING,
    /** Connected and authenticated; a snapshot has been (or is being) received. */
    CONNECTED,
    /** The connection dropped or the relay could not be reached; retrying with back-off. */
    RECONNECTING,
    /** The relay refused the token; terminal (a retry with the same token cannot succeed). */
    REFUSED,
    /** Closed by {@link ObserverClient#close()}; terminal. */
    CLOSED
}
