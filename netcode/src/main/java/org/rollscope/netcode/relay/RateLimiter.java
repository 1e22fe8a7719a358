package org.rollscope.netcode.relay;

/**
 * A token bucket for one connection: {@code ratePerSecond} events sustained, bursts up to {@code burst}.
 * Thread-safe (synchronized; uncontended in practice because one connection's events arrive one at a time).
 */
final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastNanos;
    private long lastWarningNanos = Long.MIN_VALUE;

    RateLimiter(double ratePerSecond, double burst, long nowNanos) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /** Takes one token; false when the connection is over its rate. */
    synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * ratePerNano);
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * Whether to tell the sender it is being limited: at most once a second, so that answering a flood does not
     * become a flood of our own.
     */
    synchronized boolean shouldWarn(long nowNanos) {
        if (lastWarningNanos == Long.MIN_VALUE || nowNanos - lastWarningNanos >= 1_000_000_000L) {
            lastWarningNanos = nowNanos;
            return true;
        }
        return false;
    }
}
