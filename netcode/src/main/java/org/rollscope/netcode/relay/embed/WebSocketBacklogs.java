package org.rollscope.netcode.relay.embed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much text each open WebSocket connection has been given to send and has not sent yet, by connection id
 * ({@link EmbeddedSocketIoServer#CONNECTION_HEADER}).
 *
 * <p>Why: Jetty queues outgoing frames without bound, so a reader slower than what it is sent (an observer of a busy
 * relay) falls further behind each second, and engine.io's pings wait behind that queue until the ping timeout
 * closes the connection. The owner of a stream reads this before sending more and drops instead (counted).
 */
final class WebSocketBacklogs {

    private final Map<String, AtomicLong> unsent = new ConcurrentHashMap<>();

    /** The counter of a connection that just opened; removed by {@link #closed}. */
    AtomicLong opened(String connectionId) {
        AtomicLong counter = new AtomicLong();
        unsent.put(connectionId, counter);
        return counter;
    }

    void closed(String connectionId) {
        unsent.remove(connectionId);
    }

    /** Characters given to Jetty and not yet written to the socket; 0 for a connection that is not an open WebSocket. */
    long unsentChars(String connectionId) {
        AtomicLong counter = connectionId == null ? null : unsent.get(connectionId);
        return counter == null ? 0 : counter.get();
    }
}
