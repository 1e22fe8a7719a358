package org.rollscope.netcode.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The impairment model of one sending side of a link, sans-IO: given a packet, its send time and size, it decides when
 * the packet (and any duplicate) is delivered, or that it is lost. The in-process simulator and the real UDP transport
 * both use it, so a link behaves the same in a test and on a socket.
 *
 * <p>Model, applied in this order: bandwidth (a send queue drained at {@code bandwidth_kbps}: serialisation delay, and
 * {@link #queuedBytes} reports what waits), loss, then latency plus uniform jitter in {@code [0, jitter_ms]},
 * duplication (a second copy with its own jitter), and reordering (the packet is held back and delivered just after
 * the next packet; a held packet that no later packet releases is let go by {@link #releaseHeld} after
 * {@link #MAX_HOLD_MS}). All randomness comes from the seed, so a run is reproducible.
 *
 * <p>Threads: not thread-safe; one owner (the sending loop). Never blocks, never reads the clock.
 *
 * @param <T> the packet type (bytes on a socket, message values in the simulator)
 */
public final class LinkImpairment<T> {

    /** A held-back (reordered) packet is released at the latest this long after its own delivery time. It keeps a
     *  quiet link from holding a packet for ever, and is well under any timeout the peers use. */
    public static final double MAX_HOLD_MS = 50;

    /** One delivery decided by the model: {@code packet} arrives at {@code deliverAtMs}. */
    public record Delivery<T>(T packet, double deliverAtMs) {}

    private final SplittableRandom random;
    private LinkProfile profile;
    private double busyUntilMs = Double.NEGATIVE_INFINITY;
    private T held;
    private double heldAtMs;
    private long sent;
    private long lost;
    private long duplicated;
    private long reordered;

    /**
     * @param profile impairment to apply (may be changed later with {@link #setProfile})
     * @param seed seed of this side's random decisions
     */
    public LinkImpairment(LinkProfile profile, long seed) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.random = new SplittableRandom(seed);
    }

    /** Replaces the impairment from the next packet on (packets already scheduled keep their fate). */
    public void setProfile(LinkProfile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    public LinkProfile profile() {
        return profile;
    }

    /**
     * Decides the fate of one packet.
     *
     * @param packet the packet
     * @param sendTimeMs when the sender handed it over, in the caller's clock (ms)
     * @param sizeBytes its size on the wire, for the bandwidth model
     * @return its deliveries in no particular order: none (lost or held back for reordering), one, or more (a
     *     duplicate, or a previously held packet released behind this one)
     */
    public List<Delivery<T>> send(T packet, double sendTimeMs, int sizeBytes) {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, got " + sizeBytes);
        }
        sent++;
        List<Delivery<T>> out = new ArrayList<>(2);
        double departMs = sendTimeMs;
        if (profile.bandwidthKbps() > 0) {
            double serialisationMs = sizeBytes * 8.0 / profile.bandwidthKbps();
            departMs = Math.max(sendTimeMs, busyUntilMs) + serialisationMs;
            busyUntilMs = departMs;
        }
        if (random.nextDouble() < profile.loss()) {
            lost++;
            return out;
        }
        double deliverMs = departMs + profile.latencyMs() + jitter();
        if (held != null) {
            // The held packet goes right behind this one: that is the reordering.
            out.add(new Delivery<>(held, Math.max(deliverMs, heldAtMs) + 0.001));
            held = null;
        }
        if (profile.reorder() > 0 && random.nextDouble() < profile.reorder()) {
            reordered++;
            held = packet;
            heldAtMs = deliverMs;
        } else {
            out.add(new Delivery<>(packet, deliverMs));
        }
        if (profile.duplicate() > 0 && random.nextDouble() < profile.duplicate()) {
            duplicated++;
            out.add(new Delivery<>(packet, departMs + profile.latencyMs() + jitter()));
        }
        return out;
    }

    /**
     * Lets go of a held-back packet that no later packet released, once {@link #MAX_HOLD_MS} has passed.
     *
     * @return the delivery, or null when nothing is due
     */
    public Delivery<T> releaseHeld(double nowMs) {
        if (held == null || nowMs < heldAtMs + MAX_HOLD_MS) {
            return null;
        }
        Delivery<T> d = new Delivery<>(held, nowMs);
        held = null;
        return d;
    }

    /** True while a packet is held back for reordering. */
    public boolean holding() {
        return held != null;
    }

    /** Bytes accepted but not yet put on the wire at {@code nowMs} (the bandwidth queue), as a sender sees it. */
    public long queuedBytes(double nowMs) {
        if (profile.bandwidthKbps() <= 0 || busyUntilMs <= nowMs) {
            return 0;
        }
        return (long) Math.ceil((busyUntilMs - nowMs) * profile.bandwidthKbps() / 8.0);
    }

    public long sentCount() {
        return sent;
    }

    public long lostCount() {
        return lost;
    }

    public long duplicatedCount() {
        return duplicated;
    }

    public long reorderedCount() {
        return reordered;
    }

    private double jitter() {
        return profile.jitterMs() > 0 ? random.nextDouble() * profile.jitterMs() : 0;
    }
}
