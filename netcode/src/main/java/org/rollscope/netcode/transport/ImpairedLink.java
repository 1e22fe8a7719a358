package org.rollscope.netcode.transport;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The sending side of an impaired link: {@link LinkImpairment} decides each message's fate (lost, delayed,
 * duplicated, held back for reordering, queued behind a finite bandwidth) and one scheduler thread puts it on the
 * wire when the model says it arrives; a message due now goes out at once on the caller's thread. Shared by
 * {@link ImpairedTransport} (wire packets) and the MUG matchmaker probe (JSON text).
 *
 * <p>Threads: {@link #send}, {@link #setProfile} and {@link #queuedBytes} from any thread (they synchronise on the
 * model); the scheduler thread ({@code NAME}) sends what is delayed.
 *
 * @param <T> the message type
 */
public final class ImpairedLink<T> implements AutoCloseable {
    /**
     * How often a message held back for reordering that nothing released is checked for; well under
     * {@link LinkImpairment#MAX_HOLD_MS}.
     */
    private static final long HOLD_CHECK_MS = 10;

    private final Consumer<T> wire;
    private final LinkImpairment<T> model;
    private final ScheduledExecutorService scheduler;
    private final long originNanos = System.nanoTime();

    /**
     * @param wire puts one message on the real channel
     * @param profile the impairment (may be changed later with {@link #setProfile})
     * @param seed seed of the random decisions
     * @param threadName the scheduler thread's name
     */
    public ImpairedLink(Consumer<T> wire, LinkProfile profile, long seed, String threadName) {
        this.wire = wire;
        this.model = new LinkImpairment<>(profile, seed);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::releaseHeld, HOLD_CHECK_MS, HOLD_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Changes the impairment live; messages already scheduled keep their fate. */
    public void setProfile(LinkProfile profile) {
        synchronized (model) {
            model.setProfile(profile);
        }
    }

    public LinkProfile profile() {
        synchronized (model) {
            return model.profile();
        }
    }

    /**
     * Sends {@code message} ({@code sizeBytes} on the wire) through the link.
     *
     * @return true when the link lost it
     */
    public boolean send(T message, int sizeBytes) {
        double now = nowMs();
        List<LinkImpairment.Delivery<T>> deliveries;
        boolean lost;
        synchronized (model) {
            long lostBefore = model.lostCount();
            deliveries = model.send(message, now, sizeBytes);
            lost = model.lostCount() > lostBefore;
        }
        for (LinkImpairment.Delivery<T> d : deliveries) {
            schedule(d, now);
        }
        return lost;
    }

    /** Bytes accepted but not yet on the wire (the bandwidth queue). */
    public long queuedBytes() {
        double now = nowMs();
        synchronized (model) {
            return model.queuedBytes(now);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void schedule(LinkImpairment.Delivery<T> d, double now) {
        long delayMicros = Math.max(0, Math.round((d.deliverAtMs() - now) * 1000));
        if (delayMicros == 0) {
            wire.accept(d.packet());
        } else if (!scheduler.isShutdown()) {
            try {
                scheduler.schedule(() -> wire.accept(d.packet()), delayMicros, TimeUnit.MICROSECONDS);
            } catch (RejectedExecutionException closed) {
                // closed meanwhile: the message is lost with the link
            }
        }
    }

    private void releaseHeld() {
        LinkImpairment.Delivery<T> d;
        synchronized (model) {
            d = model.releaseHeld(nowMs());
        }
        if (d != null) {
            wire.accept(d.packet());
        }
    }

    private double nowMs() {
        return (System.nanoTime() - originNanos) / 1e6;
    }
}
