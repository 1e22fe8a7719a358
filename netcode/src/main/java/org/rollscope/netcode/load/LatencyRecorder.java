package org.rollscope.netcode.load;

import java.util.Arrays;

/**
 * Every latency of a run, in microseconds, kept whole so that percentiles are exact (a 60 s run at the target load
 * is 360,000 values, under 3 MB). Thread-safe: {@link #record} is called from the Socket.IO event thread, summaries
 * from the driver's thread.
 */
public final class LatencyRecorder {
    private long[] micros = new long[1024];
    private int count;

    /** Adds one latency; negative values (clock steps) are recorded as 0. */
    public synchronized void record(long latencyMicros) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, count * 2);
        }
        micros[count++] = Math.max(0, latencyMicros);
    }

    /** Adds every latency of another recorder. */
    public synchronized void addAll(LatencyRecorder other) {
        long[] theirs;
        int theirCount;
        synchronized (other) {
            theirs = other.micros;
            theirCount = other.count;
        }
        if (count + theirCount > micros.length) {
            micros = Arrays.copyOf(micros, Math.max(count + theirCount, micros.length * 2));
        }
        System.arraycopy(theirs, 0, micros, count, theirCount);
        count += theirCount;
    }

    public synchronized int count() {
        return count;
    }

    /** Percentiles of the latencies recorded from the {@code from}-th on (0-based), e.g. since the last progress line. */
    public LatencySummary summarySince(int from) {
        long[] sorted;
        synchronized (this) {
            int start = Math.max(0, Math.min(from, count));
            sorted = Arrays.copyOfRange(micros, start, count);
        }
        return LatencySummary.of(sorted);
    }

    /** Percentiles (nearest rank) of everything recorded so far, in milliseconds. */
    public LatencySummary summary() {
        long[] sorted;
        synchronized (this) {
            sorted = Arrays.copyOf(micros, count);
        }
        return LatencySummary.of(sorted);
    }
}
