package org.rollscope.netcode.load;

import org.json.JSONObject;

/**
 * CPU over the measurement window (end of the warm-up → drained), split by thread. A percentage is of one core:
 * 100 % is one core fully busy (the machine's total is {@code cores × 100 %}).
 *
 * @param wallMs length of the window
 * @param relayCpuMs CPU of the relay's {@code relay-*} threads (-1 when unknown: not embedded or not supported)
 * @param driverCpuMs CPU of every other Java thread of this process: the load driver itself
 * @param processCpuMs CPU of the whole process (GC and JIT included), -1 when unknown
 * @param cores processors available to this JVM
 * @param loadAverageStart system load average (1 min) when the run started, -1 when unknown
 * @param loadAverageEnd the same at the end
 * @param heapUsedMb heap live at the end, after a GC, every connection still open (relay and driver share it when
 *     embedded)
 * @param heapPeakMb largest heap in use seen during the run, garbage not yet collected included
 */
public record CpuFigures(long wallMs, long relayCpuMs, long driverCpuMs, long processCpuMs, int cores,
                         double loadAverageStart, double loadAverageEnd, long heapUsedMb, long heapPeakMb) {

    /** {@code cpuMs} as a percentage of one core over the window, or NaN when unknown. */
    double percentOfCore(long cpuMs) {
        return cpuMs < 0 || wallMs <= 0 ? Double.NaN : 100.0 * cpuMs / wallMs;
    }

    JSONObject toJson() {
        return new JSONObject().put("wall_ms", wallMs).put("relay_cpu_ms", relayCpuMs)
                .put("relay_cpu_pct_of_core", LatencySummary.orNull(percentOfCore(relayCpuMs)))
                .put("driver_cpu_ms", driverCpuMs)
                .put("driver_cpu_pct_of_core", LatencySummary.orNull(percentOfCore(driverCpuMs)))
                .put("process_cpu_ms", processCpuMs)
                .put("process_cpu_pct_of_core", LatencySummary.orNull(percentOfCore(processCpuMs)))
                .put("cores", cores).put("load_average_start", loadAverageStart)
                .put("load_average_end", loadAverageEnd).put("heap_used_mb", heapUsedMb)
                .put("heap_peak_mb", heapPeakMb);
    }
}
