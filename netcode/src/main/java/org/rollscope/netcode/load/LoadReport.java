package org.rollscope.netcode.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The figures of one load run and their verdict against the relay's targets (issue 3: 100 sessions / 200 peers at
 * 10 Hz to 3 observers with zero drops and delivery p99 under 50 ms; switch p99 under 100 ms on loopback).
 * Immutable.
 *
 * @param config what was run
 * @param relayUrl the relay that was loaded
 * @param samplesSent samples all peers sent
 * @param skippedSends samples not sent because a peer's connection was down
 * @param disconnectedPeers peers whose connection was down at the end
 * @param observers each observer's figures
 * @param delivery delivery latency over every observer's samples sent after the warm-up (the verdict's figure)
 * @param warmupDelivery the same for samples sent during the warm-up
 * @param switching the switch-latency measurement
 * @param cpu CPU and heap
 * @param stalls when the whole process could not run (machine contention, GC), to read latency tails against
 * @param relaySamplesReceived samples the relay counted in (-1 when not embedded)
 * @param relaySamplesDropped samples the relay counted as dropped for observers (-1 when not embedded)
 */
public record LoadReport(LoadConfig config, String relayUrl, long samplesSent, long skippedSends,
                         long disconnectedPeers, List<ObserverFigures> observers, LatencySummary delivery,
                         LatencySummary warmupDelivery,                         SwitchFigures switching, CpuFigures cpu, StallFigures stalls, long relaySamplesReceived,
                         long relaySamplesDropped) {

    public LoadReport {
        observers = List.copyOf(observers);
    }

    /** Samples every observer should have received together: sent × observers. */
    public long expectedDeliveries() {
        return samplesSent * observers.size();
    }

    public long delivered() {
        return observers.stream().mapToLong(ObserverFigures::delivered).sum();
    }

    /** Samples lost on their way to any observer, for any reason (relay queue, connection, never arrived). */
    public long drops() {
        return observers.stream().mapToLong(o -> Math.max(o.missing(), o.relayDropped())).sum();
    }

    /** Why the run misses a target; empty when it meets all of them. */
    public List<String> failures() {
        List<String> why = new ArrayList<>();
        if (samplesSent == 0) {
            why.add("no sample was sent");
        }
        if (drops() > 0) {
            why.add(drops() + " samples dropped (target: zero)");
        }
        if (skippedSends > 0 || disconnectedPeers > 0) {
            why.add(disconnectedPeers + " peers lost their connection (" + skippedSends + " samples not sent)");
        }
        if (!(delivery.p99Ms() < LoadConfig.TARGET_DELIVERY_P99_MS)) {
            why.add(String.format(Locale.ROOT, "delivery p99 %.1f ms (target < %.0f ms)", delivery.p99Ms(),
                    LoadConfig.TARGET_DELIVERY_P99_MS));
        }
        if (switching.commands() > 0) {
            if (switching.failures() > 0) {
                why.add(switching.failures() + " of " + switching.commands() + " switch commands failed ("
                        + switching.lastFailure() + ")");
            }
            if (!(switching.toFirstRelayedInput().p99Ms() < LoadConfig.TARGET_SWITCH_P99_MS)) {
                why.add(String.format(Locale.ROOT, "switch p99 %.1f ms (target < %.0f ms)",
                        switching.toFirstRelayedInput().p99Ms(), LoadConfig.TARGET_SWITCH_P99_MS));
            }
        }
        return why;
    }

    /** Met every target. */
    public boolean passed() {
        return failures().isEmpty();
    }

    /** One line: PASS/FAIL, and whether the run was at the target's load at all. */
    public String verdict() {
        String load = config.atTargetLoad() ? "at target load"
                : "below the target load of " + LoadConfig.TARGET_SESSIONS + " sessions / "
                        + (int) LoadConfig.TARGET_RATE_HZ + " Hz / " + LoadConfig.TARGET_OBSERVERS
                        + " observers, so not evidence for the target";
        return (passed() ? "PASS" : "FAIL: " + String.join("; ", failures())) + " (" + load + ")";
    }

    /** The report as JSON: the same figures as {@link #describe()}. */
    public JSONObject toJson() {
        JSONArray perObserver = new JSONArray();
        observers.forEach(o -> perObserver.put(o.toJson()));
        JSONObject run = new JSONObject().put("sessions", config.sessions()).put("peers", config.peers())
                .put("rate_hz", config.rateHz()).put("observers", config.observers())
                .put("seconds", config.duration().toMillis() / 1000.0)
                .put("warmup_seconds", config.warmup().toMillis() / 1000.0).put("embedded_relay", config.embedded())
                .put("relay_url", relayUrl).put("switch_commands", config.switchCommands())
                .put("action_fps", config.actionFps());
        return new JSONObject().put("run", run).put("samples_sent", samplesSent).put("skipped_sends", skippedSends)
                .put("disconnected_peers", disconnectedPeers).put("expected_deliveries", expectedDeliveries())
                .put("delivered", delivered()).put("drops", drops()).put("per_observer", perObserver)
                .put("delivery_latency", delivery.toJson())
                .put("warmup_delivery_latency", warmupDelivery.toJson()).put("switch", switching.toJson())
                .put("cpu", cpu.toJson()).put("stalls", stalls.toJson()).put("relay_samples_received", relaySamplesReceived)
                .put("relay_samples_dropped", relaySamplesDropped).put("passed", passed())
                .put("at_target_load", config.atTargetLoad()).put("verdict", verdict());
    }

    /** The report for people, several lines. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        line(s, "load: %d sessions (%d peers) at %.1f Hz to %d observers, %.1f s warm-up + %.1f s measured, "
                + "relay %s%s", config.sessions(), config.peers(), config.rateHz(), config.observers(),
                config.warmup().toMillis() / 1000.0, config.duration().toMillis() / 1000.0, relayUrl,
                config.embedded() ? " (embedded)" : "");
        line(s, "samples sent: %d (%d skipped, %d peers disconnected)", samplesSent, skippedSends,
                disconnectedPeers);
        line(s, "delivered: %d of %d expected (sent x %d observers); drops: %d", delivered(), expectedDeliveries(),
                observers.size(), drops());
        for (int i = 0; i < observers.size(); i++) {
            ObserverFigures o = observers.get(i);
            line(s, "  observer %d: %d delivered, %d missing, %d dropped by relay, %d seq gaps, %d out of order; %s",
                    i + 1, o.delivered(), o.missing(), o.relayDropped(), o.seqGaps(), o.outOfOrder(),
                    o.latency().describe());
        }
        line(s, "delivery latency (peer send -> observer receive), measured: %s, mean %.1f ms", delivery.describe(),
                delivery.meanMs());
        line(s, "delivery latency during the warm-up (not in the verdict): %s", warmupDelivery.describe());
        if (switching.commands() > 0) {
            line(s, "switch latency (%s): force_fallback -> first relayed input at the other seat: %s; "
                    + "-> observer ack: %s; %d of %d failed", switching.peerKind(),
                    switching.toFirstRelayedInput().describe(), switching.toAck().describe(), switching.failures(),
                    switching.commands());
        } else {
            line(s, "switch latency: not measured (--switch-commands 0)");
        }
        line(s, "cpu over %.1f s on %d cores (%% of one core): relay %s, load driver %s, whole process %s "
                + "(incl. GC/JIT); load average %.2f -> %.2f", cpu.wallMs() / 1000.0, cpu.cores(),
                pct(cpu.relayCpuMs()), pct(cpu.driverCpuMs()), pct(cpu.processCpuMs()), cpu.loadAverageStart(),
                cpu.loadAverageEnd());
        line(s, "relay cpu per ingested sample (%s, fan-out to %d observers included): %s over %d samples",
                cpu.relayInOwnProcess() ? "its own process, GC and JIT included" : "its threads in this process",
                config.observers(), Double.isNaN(cpu.relayCpuMicrosPerSample()) ? "n/a"
                        : String.format(Locale.ROOT, "%.1f us", cpu.relayCpuMicrosPerSample()),
                cpu.samplesInWindow());
        line(s, "process stalls (overshoot of a 5 ms sleep, any cause: other processes, GC, safepoints): %s; "
                + "GC: %d collections, %d ms", stalls.hiccups().describe(), stalls.gcCount(), stalls.gcMs());
        line(s, "driver queue (wait for the driver's IO threads, which read every peer's and observer's frames; "
                + "in the latencies above on the observers' side): %s",
                stalls.eventThreadWaits().describe());
        line(s, "heap: %d MB live at the end (after a GC), %d MB peak in use (garbage included)%s",
                cpu.heapUsedMb(), cpu.heapPeakMb(),
                config.embedded() ? " (relay and driver in one JVM)" : " (driver only)");
        if (relaySamplesReceived >= 0) {
            line(s, "relay counters: %d samples received, %d dropped for observers", relaySamplesReceived,
                    relaySamplesDropped);
        }
        line(s, "verdict: %s", verdict());
        return s.toString();
    }

    private String pct(long cpuMs) {
        double p = cpu.percentOfCore(cpuMs);
        return Double.isNaN(p) ? "n/a" : String.format(Locale.ROOT, "%.1f%% (%d ms)", p, cpuMs);
    }

    private static void line(StringBuilder s, String format, Object... args) {
        s.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
