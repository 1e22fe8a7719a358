package org.rollscope.netcode.transport;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * A non-blocking, unreliable, unordered datagram path to one remote peer: the peer-to-peer channel's socket layer.
 * Loss, duplication and reordering are normal (wire.md §1); the layers above handle them.
 *
 * <p>Threads: {@link #send} may be called from any thread and never blocks; {@link #drainReceived} is called by the
 * peer loop only. Implementations own their I/O threads and stop them in {@link #close}.
 */
public interface DatagramTransport extends AutoCloseable {

    /** Where this transport receives; the address to tell the other peer through signalling. */
    InetSocketAddress localAddress();

    /** Sets where datagrams go; packets from any other source are dropped and counted. */
    void connect(InetSocketAddress remote);

    /** Queues one datagram for the remote peer. Dropped (and counted) when not connected or closed. */
    void send(byte[] packet);

    /** Hands every datagram received since the last call to {@code sink}, oldest first; returns how many. */
    int drainReceived(Consumer<byte[]> sink);

    /** Bytes accepted by {@link #send} and not yet put on the wire (telemetry.md {@code buffered_amount}). */
    long bufferedBytes();

    /** False once closed, by either {@link #close} or a socket failure. */
    boolean isOpen();

    /** Counters of this transport's life, for telemetry and tests. */
    TransportCounters counters();

    /** Stops the I/O threads and releases the socket. Idempotent. */
    @Override
    void close();
}
