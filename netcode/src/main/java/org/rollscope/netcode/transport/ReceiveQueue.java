package org.rollscope.netcode.transport;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packets a channel's receiving thread hands to the peer loop, each stamped with its arrival time, and answered at
 * once when a responder is set (see {@link PeerChannel#answerOnArrival}). Bounded: two seconds of traffic at 60
 * packets/s with room to spare; past it the peer loop is stuck, so the oldest packet is dropped and counted (never
 * the receiver blocked).
 *
 * <p>Threads: {@link #offer} from the receiving thread, {@link #drain} from the peer loop.
 */
final class ReceiveQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiveQueue.class);
    private static final int CAPACITY = 4_096;

    private record Arrival(byte[] packet, long nanos) {}

    private record Responder(UnaryOperator<byte[]> reply, Consumer<byte[]> path) {}

    private final BlockingQueue<Arrival> received = new ArrayBlockingQueue<>(CAPACITY);
    private final TransportCounters counters;
    private volatile Responder responder;

    ReceiveQueue(TransportCounters counters) {
        this.counters = counters;
    }

    /** Stamps, answers (if a responder is set), counts and queues one packet just received. */
    void offer(byte[] packet) {
        long arrivedNanos = System.nanoTime();
        answer(packet);
        counters.countReceived(packet.length);
        Arrival arrival = new Arrival(packet, arrivedNanos);
        while (!received.offer(arrival)) {
            received.poll();
            counters.countDroppedReceiveOverflow();
        }
    }

    /** Hands every queued packet to {@code sink} with its arrival time, oldest first; returns how many. */
    int drain(PeerChannel.ArrivalSink sink) {
        int n = 0;
        for (Arrival a; (a = received.poll()) != null; n++) {
            sink.accept(a.packet(), a.nanos());
        }
        return n;
    }

    /** See {@link PeerChannel#answerOnArrival}. */
    void answerOnArrival(UnaryOperator<byte[]> reply, Consumer<byte[]> path) {
        this.responder = new Responder(reply, path);
    }

    private void answer(byte[] packet) {
        Responder r = responder;
        if (r == null) {
            return;
        }
        try {
            byte[] reply = r.reply().apply(packet);
            if (reply != null) {
                r.path().accept(reply);
            }
        } catch (RuntimeException e) {
            // A responder bug must not stop the receiver: the peer loop still gets the packet and answers late.
            LOG.warn("answering a packet on arrival failed: {}", e.toString());
        }
    }
}
