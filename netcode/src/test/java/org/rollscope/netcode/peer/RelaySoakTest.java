package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.relay.soak.RelayFlooder;
import org.rollscope.netcode.testing.ChildProcess;

/**
 * Issue 12's soak: a separate process floods the real relay with the patterns ({@link RelayFlooder}: hostile
 * nested values from joined peers, join churn, oversized and slow polling bodies, a flood of idle connections, all
 * within the relay's caps) while a healthy two-peer session plays through it. The session's data must stay identical,
 * a new observer must still get in, and an observer connected straight to the relay reports the longest gap between
 * telemetry batches it saw during the flood.
 */
class RelaySoakTest {
    private static final int FLOOD_SECONDS = 35;
    /**
     * Generous: the relay sends a batch about every 100 ms; before issue 12's fixes these floods stopped telemetry
     * for 15 s (oversized bodies) and 49 s (slow bodies). Only a relay that stalls for seconds fails it.
     */
    private static final Duration MAX_TELEMETRY_GAP = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    @Test
    void healthySessionKeepsIdenticalDataAndItsTelemetryFlowsWhileAnotherProcessFloodsTheRelay() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(2).framesPerEpisode(1_500).pointsToWin(1_000))) {
            List<Long> arrivals = new CopyOnWriteArrayList<>();
            ObserverClient watcher = new ObserverClient(live.relay.url(), LiveSession.TOKEN);
            try {
                watcher.addListener(new ObserverListener() {
                    @Override
                    public void onTelemetry(TelemetryBatch batch) {
                        arrivals.add(System.nanoTime());
                    }
                });
                watcher.connect().get(10, TimeUnit.SECONDS);
                HeadlessPeerFallbackTest.awaitTransport(live, "0", "p2p");
                HeadlessPeerFallbackTest.awaitTransport(live, "1", "p2p");

                long floodStart = System.nanoTime();
                Map<String, Long> flood = runFlooder(live.relay.url());
                long floodEnd = System.nanoTime();
                long gapNanos = longestGap(arrivals, floodStart, floodEnd);
                System.out.printf(Locale.ROOT, "soak: %d s of flood (%s); the healthy session's longest telemetry gap"
                                + " at an observer: %d ms (%d batches during the flood)%n", FLOOD_SECONDS, flood,
                        TimeUnit.NANOSECONDS.toMillis(gapNanos), arrivals.stream()
                                .filter(t -> t >= floodStart && t <= floodEnd).count());

                ObserverClient late = new ObserverClient(live.relay.url(), LiveSession.TOKEN);
                try {
                    late.connect().get(10, TimeUnit.SECONDS); // the snapshot arrives: nobody is locked out
                } finally {
                    late.close();
                }
                live.awaitFinished(Duration.ofSeconds(120));
                HeadlessPeerFallbackTest.assertParity(live, 2, 1_500);
                assertTrue(flood.get("churn_cycles") > 10 && flood.get("hostile_events") > 50
                        && flood.get("oversized_refused") > 10 && flood.get("slow_opened") >= 64 && flood.get("idle_opened") >= 300,
                        "the flood ran: " + flood);
                assertTrue(flood.get("refusals") > 0, "hostile values were refused: " + flood);
                assertTrue(gapNanos < MAX_TELEMETRY_GAP.toNanos(), "longest telemetry gap "
                        + TimeUnit.NANOSECONDS.toMillis(gapNanos) + " ms");
            } finally {
                watcher.close();
            }
        }
    }

    /** Runs the flooder in its own JVM with this test's classpath; returns its counters. */
    private static Map<String, Long> runFlooder(String relayUrl) throws IOException, InterruptedException {
        ChildProcess flooder = ChildProcess.start(ChildProcess.javaCommand(List.of("-Xmx256m"), RelayFlooder.class,
                List.of(relayUrl, Integer.toString(FLOOD_SECONDS))), "flooder").await(Duration.ofSeconds(FLOOD_SECONDS + 60));
        String out = flooder.output();
        if (!flooder.succeeded()) {
            throw new AssertionError("the flooder " + flooder.outcome() + ":\n" + out);
        }
        Map<String, Long> counters = new HashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("flood: ")) {
                for (String pair : line.substring("flood: ".length()).trim().split(" ")) {
                    String[] kv = pair.split("=");
                    counters.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        if (counters.isEmpty()) {
            throw new AssertionError("the flooder printed no counters:\n" + out);
        }
        return counters;
    }

    /** The longest time between telemetry batches (and the window's edges) within [from, to]. */
    private static long longestGap(List<Long> arrivals, long from, long to) {
        long previous = from;
        long longest = 0;
        for (long t : arrivals) {
            if (t < from) {
                continue;
            }
            if (t > to) {
                break;
            }
            longest = Math.max(longest, t - previous);
            previous = t;
        }
        return Math.max(longest, to - previous);
    }
}
