package org.rollscope.netcode.fidelity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.health.RttWindow;
import org.rollscope.netcode.protocol.PeerEndpoint;
import org.rollscope.netcode.transport.FallbackThresholds;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The fidelity suite over real sockets: what real headless peers on a real relay report, against what their links
 * imply. Figures are medians (or a minute's mean) over hundreds of samples, so a busy machine moves them little;
 * they are printed for docs/metrics.md.
 *
 * <ul>
 *   <li>{@code rtt_ms}: eight pairs at once, both peers sending through 0, 30, 60 or 150 ms one way, without and with
 *       10 ms of jitter. Each reported value is compared with the mean round trip a bare socket pinger measured
 *       through the same link over the same five seconds; the median of those differences is within 2 ms (the
 *       model's figure is printed beside it).</li>
 *   <li>{@code gap_rate}: three pairs at 1, 5 and 20 % loss, the mean over a minute within 1.5 points of the loss.</li>
 *   <li>{@code relay_rtt_ms}: the median over those six peers within 3 ms of the median round trip a bare WebSocket
 *       client measures to the same relay at the same time (on loopback).</li>
 * </ul>
 */
class PeerTelemetryFidelityTest {
    /** Jitter of the "with jitter" links: uniform in [0, 10] ms per packet, 5 ms on average each way. */
    static final double JITTER_MS = 10;
    /** What one rtt_ms covers: ten PINGs, 500 ms apart. */
    static final long RTT_SPAN_NANOS = RttWindow.SIZE * PeerEndpoint.PING_INTERVAL.toNanos();
    /** Neither RTT nor gaps may push a pair off the channel being measured. */
    static final FallbackThresholds STAY_ON_P2P = new FallbackThresholds(10_000, Duration.ofHours(1), 1.0,
            Duration.ofHours(1), Long.MAX_VALUE, Duration.ofHours(1), 200, 0.05, 8 * 1024, Duration.ofSeconds(5));

    @TempDir
    Path dataDir;

    @Test
    void roundTripsMatchTheWire() throws Exception {
        List<LivePairs.Pair> pairs = new ArrayList<>();
        for (double latency : new double[] {0, 30, 60, 150}) {
            for (double jitter : new double[] {0, JITTER_MS}) {
                pairs.add(new LivePairs.Pair("rtt-" + (int) latency + "-" + (int) jitter,
                        new LinkProfile(latency, jitter, 0, 0, 0, 0), STAY_ON_P2P));
            }
        }
        List<WirePinger> pingers = new ArrayList<>();
        try (LivePairs live = new LivePairs(dataDir, pairs)) {
            for (int i = 0; i < pairs.size(); i++) {
                pingers.add(new WirePinger(pairs.get(i).link(), 1000 + 2L * i));
            }
            live.warmUp(Duration.ofSeconds(6));
            pingers.forEach(WirePinger::startRecording);
            live.record(Duration.ofSeconds(40));
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                LivePairs.Pair pair = pairs.get(i);
                LinkProfile l = pair.link();
                double model = 2 * (l.latencyMs() + l.jitterMs() / 2);
                // Each reported rtt_ms is the mean of the last ten PINGs, 500 ms apart: its reference is the wire's
                // mean over the same five seconds, so the machine's stalls weigh on both alike.
                List<Double> errors = new ArrayList<>();
                List<Double> wires = new ArrayList<>();
                List<PeerSample> samples = live.samples(pair);
                for (int k = 0; k < samples.size(); k++) {
                    double w = pingers.get(i).meanBetween(live.readAt(pair).get(k), RTT_SPAN_NANOS);
                    if (samples.get(k).rttMs() != null && !Double.isNaN(w)) {
                        errors.add(samples.get(k).rttMs() - w);
                        wires.add(w);
                    }
                }
                double wire = median(wires);
                double reported = quantile(samples, PeerSample::rttMs, 0.5);
                double error = median(errors);
                System.out.printf("fidelity rtt_ms %-11s model %6.1f wire %7.2f reported %7.2f: error %+5.2f ms"
                        + " against the wire, %+5.2f against the model (n=%d samples, %d pings)%n", pair.name(), model,
                        wire, reported, error, reported - model, errors.size(), pingers.get(i).rtts().size());
                if (Math.abs(error) > 2) {
                    failures.add(pair.name() + ": rtt_ms median error " + error + " ms against the wire");
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            pingers.forEach(WirePinger::close);
        }
    }

    @Test
    void gapRatesMatchTheLossAndTheRelayRoundTripIsLoopbacks() throws Exception {
        List<LivePairs.Pair> pairs = new ArrayList<>();
        for (double loss : new double[] {0.01, 0.05, 0.20}) {
            pairs.add(new LivePairs.Pair("loss-" + (int) (loss * 100), new LinkProfile(20, 0, loss, 0, 0, 0),
                    STAY_ON_P2P));
        }
        ScheduledExecutorService pacing = Executors.newSingleThreadScheduledExecutor();
        try (LivePairs live = new LivePairs(dataDir, pairs);
             RelayPinger reference = new RelayPinger(live.relayUrl(), "fidelity-reference")) {
            pacing.scheduleAtFixedRate(reference::ping, 0, 50, TimeUnit.MILLISECONDS);
            live.warmUp(Duration.ofSeconds(1));
            reference.startRecording();
            live.record(Duration.ofSeconds(60));
            List<String> failures = new ArrayList<>();
            for (LivePairs.Pair pair : pairs) {
                double mean = mean(live.samples(pair), PeerSample::gapRate);
                System.out.printf("fidelity gap_rate %-8s configured %5.1f %%, mean over 60 s %5.2f %% (n=%d)%n",
                        pair.name(), pair.link().loss() * 100, mean * 100, live.samples(pair).size());
                if (Math.abs(mean - pair.link().loss()) > 0.015) {
                    failures.add(pair.name() + ": gap_rate " + mean + " for a loss of " + pair.link().loss());
                }
            }
            List<PeerSample> every = pairs.stream().flatMap(p -> live.samples(p).stream()).toList();
            double relay = quantile(every, PeerSample::relayRttMs, 0.5);
            double wire = median(reference.rtts());
            System.out.printf("fidelity relay_rtt_ms loopback: reported median %.2f ms (p90 %.2f, n=%d), bare WebSocket"
                    + " %.2f ms (n=%d): error %+.2f ms%n", relay, quantile(every, PeerSample::relayRttMs, 0.9),
                    every.size(), wire, reference.rtts().size(), relay - wire);
            if (Math.abs(relay - wire) > 3) {
                failures.add("relay_rtt_ms median " + relay + " ms, a bare WebSocket measured " + wire + " ms");
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            pacing.shutdownNow();
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        assertTrue(v.length > 0, "no values");
        return v[v.length / 2];
    }

    static double quantile(List<PeerSample> samples, Function<PeerSample, Double> field, double q) {
        double[] v = samples.stream().map(field).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .sorted().toArray();
        assertTrue(v.length > 0, "no values");
        return v[(int) Math.min(v.length - 1, Math.floor(q * v.length))];
    }

    static double mean(List<PeerSample> samples, Function<PeerSample, Double> field) {
        return samples.stream().map(field).filter(Objects::nonNull).mapToDouble(Double::doubleValue).average()
                .orElseThrow();
    }
}
