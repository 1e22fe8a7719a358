package org.rollscope.netcode.load;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Tells the relay's own delays apart from the machine's: a thread ({@code load-hiccup}) asks to sleep 5 ms over and
 * over and records by how much each wake-up overshoots (the idea of jHiccup). Nothing in the relay runs on it, so
 * an overshoot is time this process could not run at all: the CPU taken by other processes on a shared machine,
 * GC pauses, safepoints. When delivery latency spikes together with hiccups, the spike is not the relay's doing.
 * Also counts GC collections and their time over the window, and times the driver's IO threads (the executor of
 * the HTTP client every peer and observer of the driver shares, which reads their frames): a task posted to it every
 * 5 ms records how long it waited. A batch waits as long before its observer sees it, so that wait is the driver's
 * own share of a latency tail.
 *
 * <p>Thread-safe: {@link #start()} and {@link #stop()} from the driver's thread; the recorder is thread-safe.
 */
final class HiccupMeter {
    static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final LatencyRecorder hiccups = new LatencyRecorder();
    private final LatencyRecorder eventThreadWaits = new LatencyRecorder();
    private final Executor driverIo;
    private volatile boolean measuring;
    private volatile Thread thread;
    private long gcCountStart;
    private long gcMsStart;
    private long gcCount;
    private long gcMs;

    /** @param driverIo the executor whose queue wait is reported as the driver queue */
    HiccupMeter(Executor driverIo) {
        this.driverIo = driverIo;
    }

    /** Starts a fresh window (and the thread, on the first call). */
    synchronized void start() {
        gcCountStart = totalGcCount();
        gcMsStart = totalGcMillis();
        measuring = true;
        if (thread == null) {
            Thread t = new Thread(this::loop, "load-hiccup");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** Ends the window and the thread. */
    synchronized void stop() {
        measuring = false;
        gcCount = totalGcCount() - gcCountStart;
        gcMs = totalGcMillis() - gcMsStart;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            long before = System.nanoTime();
            try {
                TimeUnit.NANOSECONDS.sleep(SLEEP_NANOS);
            } catch (InterruptedException e) {
                return;
            }
            if (measuring) {
                long posted = System.nanoTime();
                hiccups.record((posted - before - SLEEP_NANOS) / 1000);
                try {
                    driverIo.execute(() -> eventThreadWaits.record((System.nanoTime() - posted) / 1000));
                } catch (RejectedExecutionException e) {
                    return; // the run is closing
                }
            }
        }
    }

    /** Overshoots of the 5 ms sleep over the window. */
    LatencyRecorder hiccups() {
        return hiccups;
    }

    /** How long tasks waited for the Socket.IO client's event thread over the window. */
    LatencyRecorder eventThreadWaits() {
        return eventThreadWaits;
    }

    /** GC collections in the window (valid after {@link #stop()}). */
    long gcCount() {
        return gcCount;
    }

    /** Time spent in GC in the window, ms (valid after {@link #stop()}); for G1, mostly pauses. */
    long gcMillis() {
        return gcMs;
    }

    private static long totalGcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long totalGcMillis() {
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }
}
