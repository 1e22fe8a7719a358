package org.rollscope.ui.health;

import org.rollscope.netcode.health.HealthLimits;
import org.rollscope.netcode.health.PeerSample;

/**
 * The one place where the console's thresholds live (issue 4): every badge, figure colour and chart guide line
 * reads them from here, so "degraded" means the same everywhere.
 *
 * <p>The critical limits equal the fallback triggers of telemetry.md §2 (RTT 300 ms, gap rate 20 %, send buffer
 * 32 KB): a critical figure is one that, sustained, moves the peer to the relay. The degraded limits are half of
 * those (RTT 150 ms, 16 KB) or the level at which P2P may return (gap rate 5 %). Any desync is critical: the
 * experiment's data can no longer be trusted.
 */
public final class HealthThresholds {

    // The numbers live in netcode, shared with the relay archive's "worst health" of a past session.
    public static final double RTT_DEGRADED_MS = HealthLimits.RTT_DEGRADED_MS;
    public static final double RTT_CRITICAL_MS = HealthLimits.RTT_CRITICAL_MS;
    public static final double GAP_RATE_DEGRADED = HealthLimits.GAP_RATE_DEGRADED;
    public static final double GAP_RATE_CRITICAL = HealthLimits.GAP_RATE_CRITICAL;
    public static final long BUFFERED_DEGRADED_BYTES = HealthLimits.BUFFERED_DEGRADED_BYTES;
    public static final long BUFFERED_CRITICAL_BYTES = HealthLimits.BUFFERED_CRITICAL_BYTES;

    private HealthThresholds() {}

    public static HealthGrade rttMs(Double rttMs) {
        return grade(rttMs, RTT_DEGRADED_MS, RTT_CRITICAL_MS);
    }

    public static HealthGrade gapRate(Double gapRate) {
        return grade(gapRate, GAP_RATE_DEGRADED, GAP_RATE_CRITICAL);
    }

    public static HealthGrade bufferedAmount(Long bytes) {
        return grade(bytes == null ? null : bytes.doubleValue(), BUFFERED_DEGRADED_BYTES, BUFFERED_CRITICAL_BYTES);
    }

    public static HealthGrade desyncs(Long desyncs) {
        if (desyncs == null) {
            return HealthGrade.UNKNOWN;
        }
        return desyncs > 0 ? HealthGrade.CRITICAL : HealthGrade.HEALTHY;
    }

    /**
     * A peer's grade: the worst of its graded figures that are known. {@code reports} says which figures the source
     * fills in at all (a MUG server has no gap rate), so an unreported figure never counts as healthy.
     */
    public static HealthGrade peer(PeerSample s, java.util.function.Predicate<String> reports) {
        if (s == null) {
            return HealthGrade.UNKNOWN;
        }
        HealthGrade g = HealthGrade.UNKNOWN;
        java.util.function.Predicate<String> known = reports.and(s::reports); // the source's fields, this sample's
        if (known.test("rtt_ms")) g = g.worst(rttMs(s.rttMs()));
        if (known.test("gap_rate")) g = g.worst(gapRate(s.gapRate()));
        if (known.test("buffered_amount")) g = g.worst(bufferedAmount(s.bufferedAmount()));
        if (known.test("desyncs")) g = g.worst(desyncs(s.desyncs()));
        return g;
    }

    /** Above {@code critical}: critical; above {@code degraded}: degraded; else healthy; null: unknown. */
    static HealthGrade grade(Double value, double degraded, double critical) {
        if (value == null || value.isNaN()) {
            return HealthGrade.UNKNOWN;
        }
        if (value > critical) {
            return HealthGrade.CRITICAL;
        }
        return value > degraded ? HealthGrade.DEGRADED : HealthGrade.HEALTHY;
    }
}
