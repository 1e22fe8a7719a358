package org.rollscope.netcode.transport;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Text messages sent through an impaired link: the same {@link LinkImpairment} model as {@link ImpairedTransport},
 * for a channel that carries text rather than wire packets (MUG's matchmaker probe sends JSON pings). With a perfect
 * link every message goes out at once on the caller's thread; otherwise one scheduler thread ({@code link-text-NAME})
 * puts each on the wire when the model says it arrives.
 *
 * <p>Threads: {@link #send} from any thread.
 */
public final class ImpairedTextSender implements AutoCloseable {
    private static final long HOLD_CHECK_MS = 10;

    private final Predicate<String> wire;
    private final LinkImpairment<String> link;
    private final ScheduledExecutorService scheduler;
    private final long originNanos = System.nanoTime();

    /**
     * @param wire sends one message now; false when the channel is closed
     * @param profile the link's impairment
     * @param seed seed of its random decisions
     * @param name for the scheduler thread's name
     */
    public ImpairedTextSender(Predicate<String> wire, LinkProfile profile, long seed, String name) {
        this.wire = wire;
        this.link = profile.isPerfect() ? null : new LinkImpairment<>(profile, seed);
        if (link == null) {
            this.scheduler = null;
            return;
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "link-text-" + name);
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleAtFixedRate(this::releaseHeld, HOLD_CHECK_MS, HOLD_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code text} through the link; false when it could not be handed over (closed channel or sender). */
    public boolean send(String text) {
        if (link == null) {
            return wire.test(text);
        }
        if (scheduler.isShutdown()) {
            return false;
        }
        double now = nowMs();
        List<LinkImpairment.Delivery<String>> deliveries;
        synchronized (link) {
            deliveries = link.send(text, now, text.length());
        }
        deliveries.forEach(d -> schedule(d, now));
        return true;
    }

    private void releaseHeld() {
        LinkImpairment.Delivery<String> d;
        double now = nowMs();
        synchronized (link) {
            d = link.releaseHeld(now);
        }
        if (d != null) {
            schedule(d, now);
        }
    }

    private void schedule(LinkImpairment.Delivery<String> d, double now) {
        long delayMicros = Math.max(0, Math.round((d.deliverAtMs() - now) * 1_000));
        try {
            scheduler.schedule(() -> wire.test(d.packet()), delayMicros, TimeUnit.MICROSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed meanwhile: the message is lost with the channel
        }
    }

    private double nowMs() {
        return (System.nanoTime() - originNanos) / 1e6;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
