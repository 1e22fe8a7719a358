package org.rollscope.netcode.transport;

import java.util.function.Consumer;

/**
 * The peer-to-peer channel's packet layer, whatever carries it (UDP datagrams, a WebRTC DataChannel): unreliable,
 * unordered packets to and from one remote peer. Loss, duplication and reordering are normal (wire.md §1); the layers
 * above handle them. How the two ends find each other is the implementation's business (its signalling).
 *
 * <p>Threads: {@link #send} may be called from any thread and never blocks; {@link #drainReceived} is called by the
 * peer loop only. Implementations own their I/O threads and stop them in {@link #close}.
 */
public interface PeerChannel extends AutoCloseable {

    /** A short name for thread names and logs, e.g. {@code 40312} (a UDP port) or {@code webrtc-3}. */
    String name();

    /** Queues one packet for the remote peer. Dropped (and counted) when not connected or closed. */
    void send(byte[] packet);

    /** Hands every packet received since the last call to {@code sink}, oldest first; returns how many. */
    int drainReceived(Consumer<byte[]> sink);

    /** Bytes accepted by {@link #send} and not yet put on the wire (telemetry.md {@code buffered_amount}). */
    long bufferedBytes();

    /** False once closed, by either {@link #close} or a failure of the underlying connection. */
    boolean isOpen();

    /** Counters of this channel's life, for telemetry and tests. */
    TransportCounters counters();

    /** Stops the I/O threads and releases the connection. Idempotent. */
    @Override
    void close();
}
