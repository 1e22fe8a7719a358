package org.rollscope.netcode.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.relay.RelayStats;

/**
 * Runs one load test: starts an embedded relay (or uses the given one), connects the observers, connects and joins
 * every simulated peer, lets them send telemetry for the configured time while the switch probe times its
 * force_fallback commands, waits for the samples still in flight, and returns the figures. Bounded in count
 * (samples per peer, commands) and in time (the duration plus connect and drain timeouts); stops by itself.
 *
 * <p>Threads: {@link #run()} blocks its caller for the whole run. It uses {@code load-emitter} (all peers),
 * {@code load-monitor} (CPU samples and progress lines), {@code load-switch-probe}, and the peers' and
 * observers' one HTTP client ({@code load-peer-io-*} and its selector thread). Progress lines go to the given consumer from {@code load-monitor}.
 */
public final class LoadDriver {
    /** How often a progress line is printed. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);
    /** How often thread CPU is sampled (Jetty's pool threads come and go). */
    static final Duration CPU_SAMPLE_INTERVAL = Duration.ofSeconds(1);
    static final Duration OBSERVER_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final LoadConfig config;
    private final Consumer<String> progress;
    private final LongSupplier relayProcessCpu;
    private final AtomicLong heapPeakBytes = new AtomicLong();
    private long samplesAtMeasureStart;

    /** @param progress receives a line every few seconds (e.g. printed on stderr); may be a no-op */
    public LoadDriver(LoadConfig config, Consumer<String> progress) {
        this(config, progress, null);
    }

    /**
     * @param progress receives a line every few seconds (e.g. printed on stderr); may be a no-op
     * @param relayProcessCpu with an external relay ({@link LoadConfig#serverUrl()}) in its own process on this
     *     machine: that process's CPU since it started, ns (e.g. {@link RelayProcess#cpuNanos()}), so that its CPU
     *     is measured; null when embedded or unknown
     */
    public LoadDriver(LoadConfig config, Consumer<String> progress, LongSupplier relayProcessCpu) {
        this.config = config;
        this.progress = progress;
        this.relayProcessCpu = config.embedded() ? null : relayProcessCpu;
    }

    /**
     * Runs the test and returns its figures.
     *
     * @throws LoadFailedException when the relay cannot be started or reached, an observer is refused, or the
     *     peers cannot join
     * @throws InterruptedException when interrupted (everything is closed first)
     */
    public LoadReport run() throws LoadFailedException, InterruptedException {
        Path dataDir = null;
        RelayServer relay = null;
        List<LeanObserver> clients = new ArrayList<>();
        try {
            String url = config.serverUrl();
            String token = config.token();
            if (config.embedded()) {
                dataDir = Files.createTempDirectory("rollscope-load-");
                relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir)
                        .eventsPerSecondPerAddress(config.relayEventsPerSecondPerAddress()).build());
                relay.start();
                url = relay.url();
                token = relay.observerToken();
            }
            String runId = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
            try (PeerFleet fleet = new PeerFleet(url, runId, config)) {
                List<ObserverProbe> probes = connectObservers(url, token, fleet, clients);
                progress.accept("connecting " + config.peers() + " peers to " + url + " ...");
                try {
                    fleet.connect(Duration.ofSeconds(30).plusMillis(50L * config.peers()));
                } catch (IllegalStateException e) {
                    throw new LoadFailedException("peers could not join: " + e.getMessage(), e);
                }
                if (!config.headlessSwitchPeers() || config.switchCommands() == 0) {
                    return measure(url, fleet, probes, clients.get(0), relay, fleet.sessions(),
                            "telemetry-only simulated peers");
                }
                progress.accept("starting two headless peers for the switch measurement ...");
                try (HeadlessSwitchSession headless = new HeadlessSwitchSession(url, runId)) {
                    headless.awaitP2p();
                    return measure(url, fleet, probes, clients.get(0), relay, List.of(headless),
                            "real headless peers (rollback engine, UDP channel, fallback policy)");
                }
            }
        } catch (IOException e) {
            throw new LoadFailedException("cannot start the embedded relay: " + e.getMessage(), e);
        } finally {
            clients.forEach(LeanObserver::close);
            if (relay != null) {
                relay.close();
            }
            deleteQuietly(dataDir);
        }
    }

    private List<ObserverProbe> connectObservers(String url, String token, PeerFleet fleet,
                                                 List<LeanObserver> clients)
            throws LoadFailedException, InterruptedException {
        List<ObserverProbe> probes = new ArrayList<>();
        for (int i = 0; i < config.observers(); i++) {
            ObserverProbe probe = new ObserverProbe(fleet);
            LeanObserver client = new LeanObserver(url, token, probe::onTelemetry);
            clients.add(client);
            probes.add(probe);
            try {
                client.connect(fleet.http()).get(OBSERVER_CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new LoadFailedException("observer " + (i + 1) + ": " + e.getCause().getMessage(), e);
            } catch (TimeoutException e) {
                throw new LoadFailedException("observer " + (i + 1) + " got no snapshot from " + url + " within "
                        + OBSERVER_CONNECT_TIMEOUT.toSeconds() + " s", e);
            }
        }
        return probes;
    }

    private LoadReport measure(String url, PeerFleet fleet, List<ObserverProbe> probes, LeanObserver commander,
                               RelayServer relay, List<? extends SwitchTarget> switchTargets, String switchPeers)
            throws InterruptedException {
        ThreadCpuMeter meter = new ThreadCpuMeter(relayProcessCpu);
        HiccupMeter hiccups = new HiccupMeter(fleet.ioExecutor());
        double loadStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(named("load-monitor"));
        SwitchProbe switchProbe = config.switchCommands() > 0 ? new SwitchProbe(commander, switchTargets) : null;
        Thread switchThread = null;
        long start = System.nanoTime();
        try {
            int[] recordedAtLastLine = {0, 0, 0, 0}; // latencies shown; measuring?; hiccups, waits shown
            monitor.submit(meter::start); // the warm-up's window, for its progress lines; restarted below
            monitor.scheduleAtFixedRate(() -> {
                meter.sample();
                recordHeap();
            }, CPU_SAMPLE_INTERVAL.toMillis(), CPU_SAMPLE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            monitor.scheduleAtFixedRate(() -> progress.accept(progressLine(start, fleet, probes, meter,
                            hiccups, recordedAtLastLine)),
                    PROGRESS_INTERVAL.toMillis(), PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            fleet.startEmitting();
            if (!config.warmup().isZero()) {
                progress.accept("warming up for " + config.warmup().toMillis() / 1000.0 + " s (reported apart)");
                TimeUnit.NANOSECONDS.sleep(config.warmup().toNanos()); // the warm-up's length, not a sync
            }
            long measureFrom = System.nanoTime();
            long end = measureFrom + config.duration().toNanos();
            probes.forEach(p -> p.measureFrom(measureFrom));
            samplesAtMeasureStart = fleet.samplesSent();
            monitor.submit(meter::start).get(); // on the monitor thread: the meter has one caller at a time
            hiccups.start();
            progress.accept("measuring for " + config.duration().toMillis() / 1000.0 + " s");
            if (switchProbe != null) {
                long stopAt = end + SwitchProbe.INPUT_TIMEOUT.toNanos();
                switchThread = named("load-switch-probe").newThread(
                        () -> switchProbe.run(config.switchCommands(), config.duration(), stopAt));
                switchThread.start();
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime())); // the run's length, not a sync
            fleet.stopEmitting();
            if (switchThread != null) {
                switchThread.join(SwitchProbe.INPUT_TIMEOUT.toMillis() * 4);
                switchThread.interrupt(); // a probe still waiting past its bound is abandoned and not counted
                switchThread.join();
            }
            drain(fleet, probes);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not start the CPU meter", e.getCause());
        } finally {
            monitor.shutdownNow();
            monitor.awaitTermination(2, TimeUnit.SECONDS);
            hiccups.stop();
            if (switchThread != null) {
                switchThread.interrupt();
            }
        }
        meter.sample();
        recordHeap();
        return report(url, fleet, probes, switchProbe, meter, hiccups, loadStart, relay, switchPeers);
    }

    /** Waits until every observer has every sent sample, or the drain timeout passes (then the rest is missing). */
    private void drain(PeerFleet fleet, List<ObserverProbe> probes) throws InterruptedException {
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        long sent = fleet.samplesSent();
        while (System.nanoTime() < deadline && probes.stream().anyMatch(p -> p.delivered() < sent)) {
            TimeUnit.MILLISECONDS.sleep(10); // polling interval only
        }
    }

    private LoadReport report(String url, PeerFleet fleet, List<ObserverProbe> probes, SwitchProbe switchProbe,
                              ThreadCpuMeter meter, HiccupMeter hiccups, double loadStart, RelayServer relay,
                              String switchPeers) {
        long sent = fleet.samplesSent();
        List<ObserverFigures> perObserver = new ArrayList<>();
        LatencyRecorder all = new LatencyRecorder();
        LatencyRecorder warmup = new LatencyRecorder();
        for (ObserverProbe p : probes) {
            perObserver.add(new ObserverFigures(p.delivered(), sent, Math.max(0, sent - p.delivered()),
                    p.relayDropped(), p.seqGaps(), p.outOfOrder(), p.latencies().summary()));
            all.addAll(p.latencies());
            warmup.addAll(p.warmupLatencies());
        }
        SwitchFigures switching = switchProbe == null ? SwitchFigures.NONE : new SwitchFigures(
                switchProbe.switchLatency().count() + switchProbe.failures(), switchProbe.failures(),
                switchProbe.switchLatency().summary(), switchProbe.ackLatency().summary(),
                switchPeers, switchProbe.lastFailure());
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc(); // what is still held with every connection open, not garbage awaiting collection
        long mb = 1024 * 1024;
        boolean relayMeasured = relay != null || relayProcessCpu != null;
        CpuFigures cpu = new CpuFigures(meter.wallNanos() / 1_000_000,
                relayMeasured ? nanosToMs(meter.relayCpuNanos()) : -1, relayProcessCpu != null,
                sent - samplesAtMeasureStart,
                nanosToMs(meter.driverCpuNanos()), nanosToMs(meter.processWindowCpuNanos()),
                Runtime.getRuntime().availableProcessors(), loadStart,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                memory.getHeapMemoryUsage().getUsed() / mb, heapPeakBytes.get() / mb);
        RelayStats stats = relay == null ? null : relay.stats();
        return new LoadReport(config, url, sent, fleet.skippedSends(), fleet.disconnectedPeers(), perObserver,
                all.summary(), warmup.summary(), switching, cpu,
                new StallFigures(hiccups.hiccups().summary(), hiccups.eventThreadWaits().summary(),
                        hiccups.gcCount(), hiccups.gcMillis()),
                stats == null ? -1 : stats.samplesReceived(), stats == null ? -1 : stats.samplesDropped());
    }

    private String progressLine(long start, PeerFleet fleet, List<ObserverProbe> probes, ThreadCpuMeter meter,
                                HiccupMeter hiccups, int[] recordedAtLastLine) {
        long minDelivered = probes.stream().mapToLong(ObserverProbe::delivered).min().orElse(0);
        long sent = fleet.samplesSent(); // read after delivered, so that delivered never looks larger than sent
        ObserverProbe first = probes.get(0);
        LatencyRecorder recorder = first.latencies().count() > 0 ? first.latencies() : first.warmupLatencies();
        if (recorder == first.latencies() && recordedAtLastLine[1] == 0) {
            recordedAtLastLine[0] = 0; // the measurement just started: its recorder counts from zero
            recordedAtLastLine[1] = 1;
        }
        int recorded = recorder.count();
        LatencySummary recent = recorder.summarySince(recordedAtLastLine[0]);
        recordedAtLastLine[0] = recorded;
        int stallsRecorded = hiccups.hiccups().count();
        LatencySummary stalls = hiccups.hiccups().summarySince(recordedAtLastLine[2]);
        recordedAtLastLine[2] = stallsRecorded;
        int waitsRecorded = hiccups.eventThreadWaits().count();
        LatencySummary waits = hiccups.eventThreadWaits().summarySince(recordedAtLastLine[3]);
        recordedAtLastLine[3] = waitsRecorded;
        long dropped = probes.stream().mapToLong(p -> p.relayDropped() + p.seqGaps()).sum();
        double wallMs = meter.wallNanos() / 1e6;
        double relayPct = wallMs <= 0 ? Double.NaN : meter.relayCpuNanos() / 1e4 / wallMs;
        double driverPct = wallMs <= 0 ? Double.NaN : meter.driverCpuNanos() / 1e4 / wallMs;
        return String.format(Locale.ROOT, "t=%.0fs sent=%d delivered(min over observers)=%d drops=%d "
                        + "latency (observer 1, since the last line) p50=%.1f p99=%.1f max=%.1f ms, "
                        + "process stalls p99=%.1f max=%.1f ms, driver queue p99=%.1f max=%.1f ms, cpu relay=%.0f%% driver=%.0f%% of a core, heap=%d MB",
                (System.nanoTime() - start) / 1e9, sent, minDelivered, dropped, recent.p50Ms(), recent.p99Ms(),
                recent.maxMs(), stalls.p99Ms(), stalls.maxMs(), waits.p99Ms(), waits.maxMs(), relayPct, driverPct,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024));
    }

    private void recordHeap() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heapPeakBytes.accumulateAndGet(used, Math::max);
    }

    private static long nanosToMs(long nanos) {
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
