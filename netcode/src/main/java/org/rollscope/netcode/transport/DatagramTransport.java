package org.rollscope.netcode.transport;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A non-blocking, unreliable, unordered datagram path to one remote peer: the peer-to-peer channel's socket layer.
 * Loss, duplication and reordering are normal (wire.md §1); the layers above handle them.
 *
 * <p>Threads: {@link #send} may be called from any thread and never blocks; {@link #drainArrivals} is called by the
 * peer loop only. Implementations own their I/O threads and stop them in {@link #close}.
 */
public interface DatagramTransport extends AutoCloseable {

    /** Takes one received datagram and the {@link System#nanoTime()} at which it came off the socket. */
    @FunctionalInterface
    interface ArrivalSink {
        void accept(byte[] datagram, long arrivedNanos);
    }

    /** Where this transport receives; the address to tell the other peer through signalling. */
    InetSocketAddress localAddress();

    /** Sets where datagrams go; packets from any other source are dropped and counted. */
    void connect(InetSocketAddress remote);

    /** Queues one datagram for the remote peer. Dropped (and counted) when not connected or closed. */
    void send(byte[] packet);

    /**
     * Hands every datagram received since the last call to {@code sink} with its arrival time, oldest first; returns
     * how many. The arrival time is taken by the receiving thread, so a round trip measured with it does not include
     * the wait for the peer loop's next tick.
     */
    int drainArrivals(ArrivalSink sink);

    /** {@link #drainArrivals} without the arrival times. */
    default int drainReceived(Consumer<byte[]> sink) {
        return drainArrivals((datagram, arrivedNanos) -> sink.accept(datagram));
    }

    /**
     * Answers datagrams the moment they arrive, on the receiving thread: for each received datagram
     * {@code responder} returns the reply to send through {@code replyPath}, or null. The datagram is still handed to
     * {@link #drainArrivals} as well. The responder must be stateless, cheap and never throw (the peer answers PINGs
     * this way, so that the other side's round trip measures the link and not this peer's frame loop).
     */
    void answerOnArrival(UnaryOperator<byte[]> responder, Consumer<byte[]> replyPath);

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
