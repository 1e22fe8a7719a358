package org.rollscope.netcode.observer;

/**
 * Receives what an {@link ObserverClient} hears from the relay. Every method is called on the Socket.IO client's
 * single event thread, in arrival order: return quickly and hand work to your own thread (the console goes through
 * its TelemetryInbox). An exception thrown here is logged and does not stop delivery.
 */
public interface ObserverListener {

    /** A full picture of the relay's sessions: on every (re)connect and after {@code requestSnapshot}. */
    default void onSnapshot(SessionsSnapshot snapshot) {
    }

    /** A batch of telemetry samples, at most ~100 ms after they reached the relay. */
    default void onTelemetry(TelemetryBatch batch) {
    }

    /** One session event, as it happens. */
    default void onSessionEvent(SessionEvent event) {
    }

    /** The connection changed state; {@code detail} says why in a few words (may be empty). */
    default void onConnectionState(ConnectionState state, String detail) {
    }
}
