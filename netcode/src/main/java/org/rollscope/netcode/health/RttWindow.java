package org.rollscope.netcode.health;

/**
 * Mean round trip of the last {@value #SIZE} PING/PONG exchanges on one path (telemetry.md {@code rtt_ms}).
 *
 * <p>Not thread-safe: owned by the peer loop that sends PINGs and receives PONGs.
 */
public final class RttWindow {
    /** telemetry.md defines {@code rtt_ms} as the mean of the last 10 round trips. */
    public static final int SIZE = 10;

    private final double[] samples = new double[SIZE];
    private int count;
    private int next;
    private double sum;
    private long lastSampleAtMs = Long.MIN_VALUE;

    /** Records one round trip in milliseconds, measured at {@code nowMs}. Negative or non-finite values are ignored. */
    public void add(double rttMs, long nowMs) {
        if (!(rttMs >= 0) || Double.isInfinite(rttMs)) {
            return;
        }
        if (count == SIZE) {
            sum -= samples[next];
        } else {
            count++;
        }
        samples[next] = rttMs;
        sum += rttMs;
        next = (next + 1) % SIZE;
        lastSampleAtMs = nowMs;
    }

    /** Mean of the retained round trips in ms, or {@code null} when none was measured yet. */
    public Double meanMs() {
        return count == 0 ? null : sum / count;
    }

    /** Clock time of the newest sample, or {@link Long#MIN_VALUE} when none. */
    public long lastSampleAtMs() {
        return lastSampleAtMs;
    }

    /** Forgets every sample (the path was re-established and old figures no longer describe it). */
    public void clear() {
        count = 0;
        next = 0;
        sum = 0;
        lastSampleAtMs = Long.MIN_VALUE;
    }
}
