package org.rollscope.netcode.transport;

import java.util.concurrent.atomic.LongAdder;

/** Monotonic counters of one datagram transport. Thread-safe. */
public final class TransportCounters {
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder droppedUnconnected = new LongAdder();
    private final LongAdder droppedForeignSource = new LongAdder();
    private final LongAdder droppedUnauthenticated = new LongAdder();
    private final LongAdder droppedReceiveOverflow = new LongAdder();
    private final LongAdder droppedByImpairment = new LongAdder();
    private final LongAdder sendErrors = new LongAdder();
    private final LongAdder textFramesIgnored = new LongAdder();

    void countSent(int bytes) {
        packetsSent.increment();
        bytesSent.add(bytes);
    }

    void countReceived(int bytes) {
        packetsReceived.increment();
        bytesReceived.add(bytes);
    }

    void countDroppedUnconnected() {
        droppedUnconnected.increment();
    }

    void countDroppedForeignSource() {
        droppedForeignSource.increment();
    }

    void countDroppedUnauthenticated() {
        droppedUnauthenticated.increment();
    }

    void countDroppedReceiveOverflow() {
        droppedReceiveOverflow.increment();
    }

    void countDroppedByImpairment() {
        droppedByImpairment.increment();
    }

    void countTextFrameIgnored() {
        textFramesIgnored.increment();
    }

    void countSendError() {
        sendErrors.increment();
    }

    public long packetsSent() {
        return packetsSent.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long packetsReceived() {
        return packetsReceived.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** Datagrams sent before {@link DatagramTransport#connect} or after close. */
    public long droppedUnconnected() {
        return droppedUnconnected.sum();
    }

    /** Datagrams that arrived from an address other than the connected peer's. */
    public long droppedForeignSource() {
        return droppedForeignSource.sum();
    }

    /** Datagrams from the peer's address whose tag was missing or wrong ({@link DatagramAuth}): forged or corrupt. */
    public long droppedUnauthenticated() {
        return droppedUnauthenticated.sum();
    }

    /** Datagrams dropped because the peer loop did not drain fast enough. */
    public long droppedReceiveOverflow() {
        return droppedReceiveOverflow.sum();
    }

    /** Datagrams the link impairment chose to lose. */
    public long droppedByImpairment() {
        return droppedByImpairment.sum();
    }

    public long sendErrors() {
        return sendErrors.sum();
    }

    /** Text frames a WebRTC channel received (MUG sends one JSON test message): tolerated and ignored, wire.md §1. */
    public long textFramesIgnored() {
        return textFramesIgnored.sum();
    }
}
