package org.rollscope.netcode.load;

import java.util.Arrays;
import org.json.JSONObject;

/**
 * Percentiles of a set of latencies, in milliseconds (nearest-rank; {@code NaN} when there were none).
 *
 * @param count how many latencies
 * @param p50Ms median
 * @param p95Ms 95th percentile
 * @param p99Ms 99th percentile
 * @param maxMs largest
 * @param meanMs arithmetic mean
 */
public record LatencySummary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN);

    /** Summarises latencies in microseconds; sorts the array in place. */
    static LatencySummary of(long[] micros) {
        if (micros.length == 0) {
            return EMPTY;
        }
        Arrays.sort(micros);
        double sum = 0;
        for (long v : micros) {
            sum += v;
        }
        return new LatencySummary(micros.length, rank(micros, 0.50), rank(micros, 0.95), rank(micros, 0.99),
                micros[micros.length - 1] / 1000.0, sum / micros.length / 1000.0);
    }

    private static double rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1000.0;
    }

    /** {@code {count, p50_ms, p95_ms, p99_ms, max_ms, mean_ms}}; unknown values are JSON null. */
    JSONObject toJson() {
        return new JSONObject().put("count", count).put("p50_ms", orNull(p50Ms)).put("p95_ms", orNull(p95Ms))
                .put("p99_ms", orNull(p99Ms)).put("max_ms", orNull(maxMs)).put("mean_ms", orNull(meanMs));
    }

    /** {@code p50 1.2 / p95 3.4 / p99 5.6 / max 7.8 ms}. */
    String describe() {
        if (count == 0) {
            return "none";
        }
        return String.format(java.util.Locale.ROOT, "p50 %.1f / p95 %.1f / p99 %.1f / max %.1f ms (n=%d)",
                p50Ms, p95Ms, p99Ms, maxMs, count);
    }

    static Object orNull(double value) {
        return Double.isNaN(value) ? JSONObject.NULL : Math.round(value * 1000) / 1000.0;
    }
}
