package org.rollscope.netcode.load;

import org.json.JSONObject;

/**
 * CPU over the measurement window (end of the warm-up → drained), split by thread. A percentage is of one core:
 * 100 % is one core fully busy (the machine's total is {@code cores × 100 %}).
 *
 * @param wallMs length of the window
 * @param relayCpuMs CPU of the relay: its {@code relay-*} threads when embedded, its whole process (GC and JIT
 *     included) when it runs in its own; -1 when unknown (an external relay not started by the driver)
 * @param relayInOwnProcess whether {@code relayCpuMs} is a whole process's
 * @param samplesInWindow samples the peers sent during the window (the relay ingested them), for the CPU per sample
 * @param driverCpuMs CPU of every other Java thread of this process: the load driver itself
 * @param processCpuMs CPU of the whole process (GC and JIT included), -1 when unknown
 * @param cores processors available to this JVM
 * @param loadAverageStart system load average (1 min) when the run started, -1 when unknown
 * @param loadAverageEnd the same at the end
 * @param heapUsedMb heap live at the end, after a GC, every connection still open (relay and driver share it when
 *     embedded)
 * @param heapPeakMb largest heap in use seen during the run, garbage not yet collected included
 */
public record CpuFigures(long wallMs, long relayCpuMs, boolean relayInOwnProcess, long samplesInWindow,
                         long driverCpuMs, long processCpuMs, int cores,
                         double loadAverageStart, double loadAverageEnd, long heapUsedMb, long heapPeakMb) {

    /** {@code cpuMs} as a percentage of one core over the window, or NaN when unknown. */
    double percentOfCore(long cpuMs) {
        return cpuMs < 0 || wallMs <= 0 ? Double.NaN : 100.0 * cpuMs / wallMs;
    }

    /**
     * The relay's CPU per ingested sample over the window, µs (fan-out to every observer included: the cost of one
     * sample end to end); NaN when unknown. With the relay in this process its threads' CPU only (GC and JIT apart).
     */
    public double relayCpuMicrosPerSample() {
        return relayCpuMs < 0 || samplesInWindow <= 0 ? Double.NaN : relayCpuMs * 1000.0 / samplesInWindow;
    }

    JSONObject toJson() {
        return new JSONObject().put("wall_ms", wallMs).put("relay_cpu_ms", relayCpuMs)
                .put("relay_in_own_process", relayInOwnProcess).put("samples_in_window", samplesInWindow)
                .put("relay_cpu_us_per_sample", LatencySummary.orNull(relayCpuMicrosPerSample()))
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
