package org.rollscope.netcode.transport;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * one scheduler thread ({@code link-PORT}) puts delayed packets on the wire.
 */
public final class ImpairedTransport implements PeerChannel {
    /** How often a reordered packet that nothing released is checked for; well under {@link LinkImpairment#MAX_HOLD_MS}. */
    private static final long HOLD_CHECK_MS = 10;

    private final PeerChannel inner;
    private final LinkImpairment<byte[]> link;
    private final ScheduledExecutorService scheduler;
    private final long originNanos = System.nanoTime();

    public ImpairedTransport(PeerChannel inner, LinkProfile profile, long seed) {
        this.inner = inner;
        this.link = new LinkImpairment<>(profile, seed);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "link-" + inner.name());
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::releaseHeld, HOLD_CHECK_MS, HOLD_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Changes the impairment live (the {@code set_link} command); packets already scheduled keep their fate. */
    public void setProfile(LinkProfile profile) {
        synchronized (link) {
            link.setProfile(profile);
        }
    }

    public LinkProfile profile() {
        synchronized (link) {
            return link.profile();
        }
    }

    @Override
    public void send(byte[] packet) {
        if (!inner.isOpen()) {
            inner.send(packet); // the inner transport counts it
            return;
        }
        double now = nowMs();
        List<LinkImpairment.Delivery<byte[]>> deliveries;
        boolean lost;
        synchronized (link) {
            long lostBefore = link.lostCount();
            deliveries = link.send(packet, now, packet.length);
            lost = link.lostCount() > lostBefore;
        }
        if (lost) {
            inner.counters().countDroppedByImpairment();
        }
        for (LinkImpairment.Delivery<byte[]> d : deliveries) {
            schedule(d, now);
        }
    }

    @Override
    public long bufferedBytes() {
        double now = nowMs();
        synchronized (link) {
            return link.queuedBytes(now) + inner.bufferedBytes();
        }
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
        scheduler.shutdownNow();
        inner.close();
    }

    private void schedule(LinkImpairment.Delivery<byte[]> d, double now) {
        long delayMicros = Math.max(0, Math.round((d.deliverAtMs() - now) * 1000));
        if (delayMicros == 0) {
            inner.send(d.packet());
        } else if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> inner.send(d.packet()), delayMicros, TimeUnit.MICROSECONDS);
        }
    }

    private void releaseHeld() {
        double now = nowMs();
        LinkImpairment.Delivery<byte[]> d;
        synchronized (link) {
            d = link.releaseHeld(now);
        }
        if (d != null) {
            inner.send(d.packet());
        }
    }

    private double nowMs() {
        return (System.nanoTime() - originNanos) / 1e6;
    }
}
