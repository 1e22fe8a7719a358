package org.rollscope.netcode.transport;

import java.time.Duration;

/**
 * When the P2P-first policy leaves the peer-to-peer channel and when it comes back (telemetry.md §2).
 *
 * @param degradedRttMs switch when {@code rtt_ms} stays above this ...
 * @param degradedRttFor ... for this long
 * @param degradedGapRate switch when {@code gap_rate} stays above this ...
 * @param degradedGapFor ... for this long
 * @param degradedBufferBytes switch when {@code buffered_amount} stays above this ...
 * @param degradedBufferFor ... for this long
 * @param healthyRttMs the channel counts as healthy below this RTT ...
 * @param healthyGapRate ... this gap rate ...
 * @param healthyBufferBytes ... and this send buffer ...
 * @param healthyFor ... held for this long before inputs return to P2P
 */
public record FallbackThresholds(
        double degradedRttMs, Duration degradedRttFor,
        double degradedGapRate, Duration degradedGapFor,
        long degradedBufferBytes, Duration degradedBufferFor,
        double healthyRttMs, double healthyGapRate, long healthyBufferBytes, Duration healthyFor) {

    /** The defaults of telemetry.md §2. */
    public static final FallbackThresholds DEFAULTS = new FallbackThresholds(
            300, Duration.ofMillis(1_500),
            0.20, Duration.ofSeconds(5),
            32 * 1024, Duration.ofSeconds(1),
            200, 0.05, 8 * 1024, Duration.ofSeconds(5));

    public FallbackThresholds {
        if (healthyRttMs > degradedRttMs || healthyGapRate > degradedGapRate || healthyBufferBytes > degradedBufferBytes) {
            throw new IllegalArgumentException("healthy thresholds must not exceed degraded ones: " + healthyRttMs
                    + "/" + degradedRttMs + " ms, " + healthyGapRate + "/" + degradedGapRate + ", "
                    + healthyBufferBytes + "/" + degradedBufferBytes + " bytes");
        }
        for (Duration d : new Duration[] {degradedRttFor, degradedGapFor, degradedBufferFor, healthyFor}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must be >= 0, got " + d);
            }
        }
    }
}
