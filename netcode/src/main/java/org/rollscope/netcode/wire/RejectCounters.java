package org.rollscope.netcode.wire;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many received packets were refused, per {@link RejectReason}. The transports' receive loops call
 * {@link #count}; telemetry and tests read {@link #snapshot()} from any thread.
 *
 * <p>Thread-safe and lock-free: one {@link LongAdder} per reason, so concurrent receive loops (P2P and relay) never
 * contend. {@link #count} never blocks and never allocates. Reads are not an atomic snapshot across reasons: a
 * packet counted during {@link #snapshot()} may or may not appear in it, which is fine for monitoring.
 */
public final class RejectCounters {
    private static final RejectReason[] REASONS = RejectReason.values();

    private final LongAdder[] counts = new LongAdder[REASONS.length];

    /** All counters at zero. */
    public RejectCounters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Adds one packet refused for {@code reason}. Any thread; never blocks. */
    public void count(RejectReason reason) {
        counts[reason.ordinal()].increment();
    }

    /** Convenience for the receive loop: counts the exception's reason. */
    public void count(MalformedPacketException rejection) {
        count(rejection.reason());
    }

    /** Packets refused so far for {@code reason}. */
    public long get(RejectReason reason) {
        return counts[reason.ordinal()].sum();
    }

    /** Malformed packets so far: every reason except the ignorable {@link RejectReason#TEXT_FRAME}. */
    public long totalMalformed() {
        long total = 0;
        for (RejectReason r : REASONS) {
            if (r.isMalformed()) {
                total += get(r);
            }
        }
        return total;
    }

    /** Every refused packet so far, text frames included. */
    public long total() {
        long total = 0;
        for (LongAdder c : counts) {
            total += c.sum();
        }
        return total;
    }

    /** An unmodifiable copy of every reason's count (zeros included), in declaration order. */
    public Map<RejectReason, Long> snapshot() {
        EnumMap<RejectReason, Long> copy = new EnumMap<>(RejectReason.class);
        for (RejectReason r : REASONS) {
            copy.put(r, get(r));
        }
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RejectCounters{");
        String sep = "";
        for (RejectReason r : REASONS) {
            long n = get(r);
            if (n != 0) {
                sb.append(sep).append(r).append('=').append(n);
                sep = ", ";
            }
        }
        return sb.append('}').toString();
    }
}
