package org.rollscope.netcode.transport;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Packets a channel's receiving thread hands to the peer loop. Bounded: two seconds of traffic at 60 packets/s with
 * room to spare; past it the peer loop is stuck, so the oldest packet is dropped and counted (never the receiver
 * blocked).
 *
 * <p>Threads: {@link #offer} from the receiving thread, {@link #drain} from the peer loop.
 */
final class ReceiveQueue {
    private static final int CAPACITY = 4_096;

    private final BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(CAPACITY);
    private final TransportCounters counters;

    ReceiveQueue(TransportCounters counters) {
        this.counters = counters;
    }

    /** Counts and queues one received packet. */
    void offer(byte[] packet) {
        counters.countReceived(packet.length);
        while (!received.offer(packet)) {
            received.poll();
            counters.countDroppedReceiveOverflow();
        }
    }

    /** Hands every queued packet to {@code sink}, oldest first; returns how many. */
    int drain(Consumer<byte[]> sink) {
        int n = 0;
        for (byte[] p; (p = received.poll()) != null; n++) {
            sink.accept(p);
        }
        return n;
    }
}
