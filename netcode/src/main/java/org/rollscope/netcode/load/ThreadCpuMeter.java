package org.rollscope.netcode.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * CPU time spent over a window, split by thread name: the relay's threads ({@code relay-*}: Jetty's pool, fan-out,
 * timers, storage) apart from everything else in the process (the load driver: emitter, the peers' HTTP client,
 * the observers' Socket.IO client and OkHttp threads). The process total (which also holds GC and JIT threads, invisible to
 * {@link ThreadMXBean}) comes from {@code com.sun.management.OperatingSystemMXBean} when available.
 *
 * <p>Threads come and go (Jetty's pool shrinks), so {@link #sample()} should be called every second or so; a thread
 * that lived and died between two samples is lost to the split (but not to the process total). Not thread-safe:
 * one caller at a time.
 *
 * <p>When the relay runs in its own process, its CPU comes from that process instead ({@code externalRelayCpu}: the
 * process's total CPU, ns), and every thread of this process is the driver's.
 */
final class ThreadCpuMeter {
    /** Prefix of every thread the relay names (see RelayServer and EmbeddedSocketIoServer). */
    static final String RELAY_THREAD_PREFIX = "relay-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, long[]> firstAndLast = new HashMap<>(); // thread id → {cpu at first sight, latest cpu}
    private final Map<Long, Boolean> isRelay = new HashMap<>();
    private final boolean supported;
    private final LongSupplier externalRelayCpu; // null: the relay's threads are in this process
    private long externalStartNanos = -1;
    private long externalLastNanos = -1;
    private long processStartNanos = -1;
    private long processLastNanos = -1;
    private long wallStartNanos;
    private long wallLastNanos;

    ThreadCpuMeter() {
        this(null);
    }

    /** @param externalRelayCpu the relay process's CPU since it started, ns (-1 when unknown); null when embedded */
    ThreadCpuMeter(LongSupplier externalRelayCpu) {
        this.externalRelayCpu = externalRelayCpu;
        boolean ok = threads.isThreadCpuTimeSupported();
        if (ok && !threads.isThreadCpuTimeEnabled()) {
            try {
                threads.setThreadCpuTimeEnabled(true);
            } catch (UnsupportedOperationException | SecurityException e) {
                ok = false;
            }
        }
        this.supported = ok;
    }

    /** Starts the window: threads alive now count from their current CPU time, later ones from zero. */
    void start() {
        firstAndLast.clear();
        isRelay.clear();
        wallStartNanos = System.nanoTime();
        processStartNanos = processCpuNanos();
        externalStartNanos = externalRelayCpu == null ? -1 : externalRelayCpu.getAsLong();
        sample(true);
    }

    /** Records every live thread's CPU time; call every second or so and at the end of the window. */
    void sample() {
        sample(false);
    }

    private void sample(boolean baseline) {
        wallLastNanos = System.nanoTime();
        processLastNanos = processCpuNanos();
        externalLastNanos = externalRelayCpu == null ? -1 : externalRelayCpu.getAsLong();
        if (!supported) {
            return;
        }
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (cpu < 0 || infos[i] == null) {
                continue; // died meanwhile
            }
            long id = ids[i];
            long[] seen = firstAndLast.computeIfAbsent(id, k -> new long[] {baseline ? cpu : 0, cpu});
            seen[1] = cpu;
            String name = infos[i].getThreadName();
            isRelay.computeIfAbsent(id, k -> externalRelayCpu == null && name.startsWith(RELAY_THREAD_PREFIX));
        }
    }

    /**
     * CPU of the relay over the window, ns: its threads in this process, or its whole process when external; -1 when
     * unknown.
     */
    long relayCpuNanos() {
        if (externalRelayCpu != null) {
            return externalStartNanos < 0 || externalLastNanos < 0 ? -1 : externalLastNanos - externalStartNanos;
        }
        return supported ? sum(true) : -1;
    }

    /** CPU of every other Java thread (the load driver) over the window, ns; -1 when not supported. */
    long driverCpuNanos() {
        return supported ? sum(false) : -1;
    }

    /** CPU of the whole process since it started (all threads, GC and JIT included), ns; -1 when unknown. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Process CPU between {@link #start()} and the last sample, ns; -1 when unknown. */
    long processWindowCpuNanos() {
        return processStartNanos < 0 || processLastNanos < 0 ? -1 : processLastNanos - processStartNanos;
    }

    /** Wall time between {@link #start()} and the last sample, ns. */
    long wallNanos() {
        return wallLastNanos - wallStartNanos;
    }

    private long sum(boolean relay) {
        long total = 0;
        for (Map.Entry<Long, long[]> e : firstAndLast.entrySet()) {
            if (isRelay.getOrDefault(e.getKey(), false) == relay) {
                total += e.getValue()[1] - e.getValue()[0];
            }
        }
        return total;
    }
}
