package org.rollscope.netcode.health;

/**
 * Where a figure turns degraded and critical: one set of numbers for the console's badges and the archive's "worst
 * health" of a past session. The critical limits equal the fallback triggers of telemetry.md §2 (RTT 300 ms, gap
 * rate 20 %, send buffer 32 KB): a critical figure is one that, sustained, moves the peer to the relay. The degraded
 * limits are half of those (RTT 150 ms, 16 KB) or the level at which P2P may return (gap rate 5 %). Any desync is
 * critical: the experiment's data can no longer be trusted.
 */
public final class HealthLimits {
    public static final double RTT_DEGRADED_MS = 150;
    public static final double RTT_CRITICAL_MS = 300;
    public static final double GAP_RATE_DEGRADED = 0.05;
    public static final double GAP_RATE_CRITICAL = 0.20;
    public static final long BUFFERED_DEGRADED_BYTES = 16 * 1024;
    public static final long BUFFERED_CRITICAL_BYTES = 32 * 1024;

    /** Grade names, as the console labels them. */
    public static final String UNKNOWN = "unknown";
    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String CRITICAL = "critical";

    private HealthLimits() {
    }

    /**
     * The worst grade of a session from its worst figures (any may be null: not reported); {@code unknown} when none
     * is known.
     */
    public static String worst(Double maxRttMs, Double maxGapRate, Long maxBufferedBytes, long desyncs) {
        int grade = Math.max(rank(maxRttMs, RTT_DEGRADED_MS, RTT_CRITICAL_MS),
                Math.max(rank(maxGapRate, GAP_RATE_DEGRADED, GAP_RATE_CRITICAL),
                        rank(maxBufferedBytes == null ? null : maxBufferedBytes.doubleValue(),
                                BUFFERED_DEGRADED_BYTES, BUFFERED_CRITICAL_BYTES)));
        if (desyncs > 0) {
            grade = 3;
        }
        return new String[] {UNKNOWN, HEALTHY, DEGRADED, CRITICAL}[grade];
    }

    private static int rank(Double value, double degraded, double critical) {
        if (value == null || value.isNaN()) {
            return 0;
        }
        return value > critical ? 3 : value > degraded ? 2 : 1;
    }
}
