package org.rollscope.netcode.relay.embed;

import java.time.Duration;

/**
 * Resource bounds of the embedded HTTP server (docs/relay-protocol.md, "Limits").
 *
 * @param maxConnections open TCP connections in all; beyond it new ones are closed at once
 * @param maxConnectionsPerAddress open TCP connections from one IP address. A campus NAT puts many participants
 *     (and their MUG pages' probes) behind one address, so this is high; it stays below {@code maxConnections} so
 *     that one address flooding leaves room for everyone else
 * @param maxBodyBytes largest long-polling request body; a larger Content-Length is refused (413) before anything
 *     is allocated, and a body without one is cut off at this many bytes
 * @param maxBufferedBodyBytes bytes of polling bodies being received at once, over all connections; beyond it new
 *     bodies get 503, so many concurrent large bodies cannot exhaust the heap
 * @param bodyTimeout the longest a polling request body may take to arrive; its bytes are read asynchronously, so
 *     a slow sender holds no thread meanwhile, and is answered 408 after this
 * @param idleTimeout a connection that sends and receives nothing for this long is closed (WebSocket and HTTP)
 * @param maxFrameBytes largest WebSocket message; a larger one closes that connection (status 1009)
 * @param pingInterval engine.io's ping interval (the next ping goes once the last one was answered)
 * @param pingTimeout how long engine.io waits for an answer (or any packet) before it closes the connection
 */
public record HttpLimits(int maxConnections, int maxConnectionsPerAddress, long maxBodyBytes,
                         long maxBufferedBodyBytes, Duration bodyTimeout, Duration idleTimeout, long maxFrameBytes,
                         Duration pingInterval, Duration pingTimeout) {

    public static final int DEFAULT_MAX_CONNECTIONS = 8192;
    /** Hundreds of participants behind one campus NAT, each with a page, a probe and a reconnect in flight. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 2048;
    public static final long DEFAULT_MAX_BUFFERED_BODY_BYTES = 256L * 1024 * 1024;
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(15);
    /** Above engine.io's ping interval + timeout (10 s), so a live but quiet client is never cut. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(5);

    public HttpLimits {
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("need 1 <= maxConnectionsPerAddress (" + maxConnectionsPerAddress
                    + ") <= maxConnections (" + maxConnections + ")");
        }
        if (maxBodyBytes < 1 || maxBufferedBodyBytes < maxBodyBytes || maxFrameBytes < 1) {
            throw new IllegalArgumentException("need 1 <= maxBodyBytes (" + maxBodyBytes
                    + ") <= maxBufferedBodyBytes (" + maxBufferedBodyBytes + ") and maxFrameBytes >= 1");
        }
        if (bodyTimeout.toMillis() < 1 || idleTimeout.toMillis() < 1 || pingInterval.toMillis() < 1
                || pingTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }
}
