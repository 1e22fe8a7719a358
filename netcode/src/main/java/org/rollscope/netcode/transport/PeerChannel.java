package org.rollscope.netcode.transport;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The peer-to-peer channel's packet layer, whatever carries it (UDP datagrams, a WebRTC DataChannel): unreliable,
 * unordered packets to and from one remote peer. Loss, duplication and reordering are normal (wire.md §1); the layers
 * above handle them. How the two ends find each other is the implementation's business (its signalling).
 *
 * <p>Threads: {@link #send} may be called from any thread and never blocks; {@link #drainArrivals} is called by the
 * peer loop only. Implementations own their I/O threads and stop them in {@link #close}.
 */
public interface PeerChannel extends AutoCloseable {

    /** Takes one received packet and the {@link System#nanoTime()} at which the receiving thread took it. */
    @FunctionalInterface
    interface ArrivalSink {
        void accept(byte[] packet, long arrivedNanos);
    }

    /** A short name for thread names and logs, e.g. {@code 40312} (a UDP port) or {@code webrtc-3}. */
    String name();

    /** Queues one packet for the remote peer. Dropped (and counted) when not connected or closed. */
    void send(byte[] packet);

    /**
     * Hands every packet received since the last call to {@code sink} with its arrival time, oldest first; returns
     * how many. The arrival time is taken by the receiving thread, so a round trip measured with it does not include
     * the wait for the peer loop's next tick.
     */
    int drainArrivals(ArrivalSink sink);

    /** {@link #drainArrivals} without the arrival times. */
    default int drainReceived(Consumer<byte[]> sink) {
        return drainArrivals((packet, arrivedNanos) -> sink.accept(packet));
    }

    /**
     * Answers packets the moment they arrive, on the receiving thread: for each received packet {@code responder}
     * returns the reply to send through {@code replyPath}, or null. The packet is still handed to
     * {@link #drainArrivals} as well. The responder must be stateless, cheap and never throw (the peer answers PINGs
     * this way, so that the other side's round trip measures the link and not this peer's frame loop).
     */
    void answerOnArrival(UnaryOperator<byte[]> responder, Consumer<byte[]> replyPath);

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
