package org.rollscope.netcode.transport;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A peer-to-peer channel seen through an impaired link: latency, jitter, loss, duplication, reordering and a finite
 * bandwidth on the sending side, decided by {@link LinkImpairment} exactly as in the simulator. It wraps a real
 * transport (KryoNet's lag-listener idea, not GGPO's fault injection inside the protocol), so the protocol above never
 * knows it is being tested.
 *
 * <p>Bandwidth makes the send buffer real: packets wait in the link's queue, {@link #bufferedBytes()} reports them,
 * and it grows when the peer sends faster than the link drains (telemetry.md {@code buffered_amount}).
 *
 * <p>Threads: {@link #send} and {@link #setProfile} may be called from any thread (they synchronise on the model);
 * one scheduler thread ({@code link-PORT}) puts delayed packets on the wire ({@link ImpairedLink}).
 */
public final class ImpairedTransport implements PeerChannel {
    private final PeerChannel inner;
    private final ImpairedLink<byte[]> link;

    public ImpairedTransport(PeerChannel inner, LinkProfile profile, long seed) {
        this.inner = inner;
        this.link = new ImpairedLink<>(inner::send, profile, seed, "link-" + inner.name());
    }

    /** Changes the impairment live (the {@code set_link} command); packets already scheduled keep their fate. */
    public void setProfile(LinkProfile profile) {
        link.setProfile(profile);
    }

    public LinkProfile profile() {
        return link.profile();
    }

    @Override
    public void send(byte[] packet) {
        if (!inner.isOpen()) {
            inner.send(packet); // the inner transport counts it
            return;
        }
        if (link.send(packet, packet.length)) {
            inner.counters().countDroppedByImpairment();
        }
    }

    @Override
    public long bufferedBytes() {
        return link.queuedBytes() + inner.bufferedBytes();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int drainArrivals(ArrivalSink sink) {
        return inner.drainArrivals(sink);
    }

    @Override
    public void answerOnArrival(UnaryOperator<byte[]> responder, Consumer<byte[]> replyPath) {
        inner.answerOnArrival(responder, replyPath);
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public TransportCounters counters() {
        return inner.counters();
    }

    @Override
    public void close() {
        link.close();
        inner.close();
    }
}
