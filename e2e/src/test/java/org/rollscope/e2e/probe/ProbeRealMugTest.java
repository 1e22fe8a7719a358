package org.rollscope.e2e.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rollscope.e2e.mug.E2eSetup;
import org.rollscope.e2e.mug.EpisodeCsv;
import org.rollscope.e2e.mug.ExperimentFlow;
import org.rollscope.e2e.mug.ExperimentOptions;
import org.rollscope.e2e.mug.MugServer;
import org.rollscope.e2e.mug.PageParity;
import org.rollscope.e2e.mug.ParticipantPage;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The MUG probe on the pinned, unmodified MUG server with two real Chromium pages: the relay's snippet in the start
 * scene's {@code scene_body} (inserted by MUG with jQuery .html()), both seats live for observers, a forced fallback
 * that MUG's own counters show, link conditions the other page feels, and identical episode data with the relay up,
 * going down mid-game, or never there. Prints the figures docs/mug-probe.md quotes.
 */
class ProbeRealMugTest {
    /** Bounds against a hang, not timings: two pages loading Pyodide on a shared machine take minutes. */
    private static final Duration STEP = Duration.ofMinutes(3);
    private static final Duration GAME = Duration.ofMinutes(10);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    /** One window of the with/without-probe comparison; three pairs of them, alternating, in the same page. */
    private static final Duration CPU_WINDOW = Duration.ofSeconds(4);
    private static final int CPU_PAIRS = 3;

    @Test
    void probesShowBothSeatsObeyCommandsAndLeaveTheEpisodesIdentical() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        Path data = Files.createTempDirectory("probe-e2e-relay");
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(data).observerToken("e2e")
                .build())) {
            relay.start();
            ExperimentOptions options = ExperimentOptions.defaults().maxSteps(900).episodes(2)
                    .probe(relay.probeSnippet(), "start");
            try (MugServer server = MugServer.start(setup, "probe-real-mug", options);
                 ProbeObserver observer = new ProbeObserver(relay.url(), "e2e");
                 ParticipantPage a = ExperimentFlow.openAndJoin(setup, server, "subject-pa", STEP);
                 ParticipantPage b = ExperimentFlow.openAndJoin(setup, server, "subject-pb", STEP)) {
                ExperimentFlow.awaitPlaying(a, STEP);
                ExperimentFlow.awaitPlaying(b, STEP);
                a.startRandomKeys(11, 150);
                b.startRandomKeys(12, 170);
                String game = String.valueOf(a.eval("window.game.gameId"));
                String seatA = String.valueOf(a.eval("String(window.game.myPlayerId)"));
                String seatB = String.valueOf(b.eval("String(window.game.myPlayerId)"));

                // Both seats live, with the figures MUG's server never had.
                for (String seat : List.of(seatA, seatB)) {
                    // MUG's health monitor counts DataChannel inputs only: no gap rate once MUG itself fell back.
                    PeerSample s = observer.await(seat, x -> x.frame() > 0 && x.confirmedFrame() >= 0
                            && x.rttMs() != null && x.bufferedAmount() != null && x.transport() != null
                            && (x.gapRate() != null || PeerSample.TRANSPORT_RELAY.equals(x.transport())), STEP,
                            "a full probe sample");
                    assertEquals(game, s.gameId());
                    assertEquals(PeerSample.SOURCE_MUG_PROBE, s.source());
                    assertTrue(s.reports("rollbacks") && s.reports("confirmed_frame"), s.toString());
                    assertEquals(seat.equals(seatA) ? "subject-pa" : "subject-pb", s.subjectId());
                }
                assertEquals(Boolean.FALSE, a.eval("window.game.p2pMetrics.p2pFallbackTriggered"),
                        "page A must still be on P2P before the test forces it (MUG's own latch fired under load?)");

                // Samples per second per page, and the probe's own time per tick.
                long from = System.currentTimeMillis();
                Map<?, ?> probeBefore = (Map<?, ?>) a.eval("window.__rollscopeProbe.stats");
                Thread.sleep(WINDOW.toMillis()); // a measurement window, not a synchronisation
                Map<?, ?> probeAfter = (Map<?, ?>) a.eval("window.__rollscopeProbe.stats");
                long to = System.currentTimeMillis();
                double ratePerPageA = observer.count(seatA, from, to) * 1000.0 / (to - from);
                double ratePerPageB = observer.count(seatB, from, to) * 1000.0 / (to - from);
                double probeMsPerTick = (real(probeAfter.get("busyMs")) - real(probeBefore.get("busyMs")))
                        / Math.max(1, num(probeAfter.get("ticks")) - num(probeBefore.get("ticks")));

                // The probe's cost to the page, side by side: windows with the probe sampling and paused alternate
                // in the same page and game phase (both pages on P2P, no link condition), so the game's own load is
                // the same on both sides of the comparison.
                List<Double> busyWith = new ArrayList<>();
                List<Double> busyWithout = new ArrayList<>();
                for (int i = 0; i < CPU_PAIRS; i++) {
                    busyWith.add(busyShare(a, CPU_WINDOW));
                    a.script("window.__rollscopeProbe.pause()");
                    busyWithout.add(busyShare(a, CPU_WINDOW));
                    a.script("window.__rollscopeProbe.resume()");
                }
                Process console = ConsoleShot.startIfAsked(relay.url(), "e2e", game);

                // Link conditions on page A's outbound messages: page B's round trip rises.
                double rttBefore = observer.latest(seatB).rttMs();
                assertTrue(relayOk(observer.client.setLink(game, seatA, new LinkProfile(120, 0, 0, 0, 0, 0))));
                PeerSample slowed = observer.await(seatB, s -> s.rttMs() != null && s.rttMs() > rttBefore + 80,
                        Duration.ofSeconds(60), "page B's RTT rising by 80 ms once page A's sends are delayed 120 ms");
                assertTrue(relayOk(observer.client.setLink(game, seatA, LinkProfile.PERFECT)));

                // Forced fallback: MUG's own latch, MUG's own counter, seen by observers.
                long viaSocketBefore = num(a.eval("window.game.p2pMetrics.inputsSentViaSocketIO"));
                long commanded = System.nanoTime();
                assertTrue(relayOk(observer.client.forceFallback(game, seatA)));
                long acked = System.nanoTime();
                while (num(a.eval("window.game.p2pMetrics.inputsSentViaSocketIO")) <= viaSocketBefore) {
                    if (System.nanoTime() - commanded > TimeUnit.SECONDS.toNanos(30)) {
                        throw new AssertionError("no input by Socket.IO within 30 s of force_fallback: "
                                + a.gameFields());
                    }
                }
                long firstSocketInput = System.nanoTime();
                observer.await(seatA, s -> PeerSample.TRANSPORT_RELAY.equals(s.transport())
                        && "forced".equals(s.transportReason()), Duration.ofSeconds(30), "page A on relay, forced");
                // Page B now gets page A's inputs by Socket.IO: its view of A's frame keeps moving and the advantage
                // stays small (it once stood still at the fallback frame, reading as an advantage of hundreds).
                PeerSample atFallback = observer.latest(seatB);
                PeerSample following = observer.await(seatB, s -> s.reports("remote_frame")
                        && s.reports("frame_advantage") && Math.abs(s.frameAdvantage()) < 30
                        && (s.episode() != atFallback.episode() || s.remoteFrame() > atFallback.remoteFrame() + 30),
                        Duration.ofSeconds(60), "page B following page A's frame over Socket.IO");
                assertTrue(observer.events.stream().anyMatch(e -> "fallback".equals(e.kind())
                        && seatA.equals(e.playerId())), "a fallback event for page A: " + observer.events);
                List<String> unknown = unknownFields(observer.samples);

                ConsoleShot.await(console);
                // The relay goes away mid-game; the pages must not notice.
                relay.close();
                a.script("window.__rollscopeProbe.stop()");

                ExperimentFlow.awaitEnd(a, GAME);
                ExperimentFlow.awaitEnd(b, GAME);
                assertIdentical(server, a, b, options);
                System.out.printf("ProbeRealMug: samples/s reaching the observer: page A %.1f, page B %.1f; page A "
                                + "main-thread busy, median of %d alternating %d s windows: %.1f %% with the probe, "
                                + "%.1f %% paused (with %s, without %s); probe's own ticks "
                                + "%.3f ms each = %.2f %% of a core at 10 Hz; force_fallback acknowledged after %d ms, "
                                + "first Socket.IO input after %d ms; page B RTT %.0f -> %.0f ms with 120 ms on page A's "
                                + "sends; page B after A's fallback: remote frame %d -> %d, advantage %.1f; fields the probe "
                                + "could not read: %s; MUG warnings A %s B %s%n",
                        ratePerPageA, ratePerPageB, CPU_PAIRS, CPU_WINDOW.toSeconds(), median(busyWith) * 100,
                        median(busyWithout) * 100, percents(busyWith), percents(busyWithout), probeMsPerTick,
                        probeMsPerTick /* ms per tick x 10 ticks/s / 1000 ms x 100 % */, (acked - commanded) / 1_000_000,
                        (firstSocketInput - commanded) / 1_000_000, rttBefore, slowed.rttMs(), atFallback.remoteFrame(),
                        following.remoteFrame(), following.frameAdvantage(), unknown,
                        a.mugDivergenceWarnings(), b.mugDivergenceWarnings());
                assertTrue(ratePerPageA > 5 && ratePerPageB > 5, "about 10 samples/s per page: " + ratePerPageA
                        + ", " + ratePerPageB);
            }
        }
    }

    @Test
    void withTheRelayDownTheExperimentStillFinishesWithIdenticalData() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        Path data = Files.createTempDirectory("probe-e2e-relay-down");
        String snippet;
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(data).build())) {
            relay.start();
            snippet = relay.probeSnippet(); // the snippet of a relay that is gone before the experiment starts
        }
        ExperimentOptions options = ExperimentOptions.defaults().probe(snippet, "start");
        try (MugServer server = MugServer.start(setup, "probe-relay-down", options);
             ParticipantPage a = ExperimentFlow.openAndJoin(setup, server, "subject-da", STEP);
             ParticipantPage b = ExperimentFlow.openAndJoin(setup, server, "subject-db", STEP)) {
            ExperimentFlow.awaitPlaying(a, STEP);
            ExperimentFlow.awaitPlaying(b, STEP);
            a.startRandomKeys(21, 150);
            b.startRandomKeys(22, 170);
            ExperimentFlow.awaitEnd(a, GAME);
            ExperimentFlow.awaitEnd(b, GAME);
            assertIdentical(server, a, b, options);
            // The relay serves the probe too: with it down the script never loads, and the page does not care.
            assertEquals(null, a.eval("window.__rollscopeProbe === undefined ? null : 'loaded'"),
                    "the probe cannot have loaded from a relay that is not there");
            Object stats = "not loaded";
            System.out.printf("ProbeRelayDown: the experiment finished with identical data; probe stats %s%n", stats);
        }
    }

    /** Both pages stored the same episodes (but for MUG's own flagged trailing rows: {@link PageParity}). */
    private static void assertIdentical(MugServer server, ParticipantPage a, ParticipantPage b,
                                        ExperimentOptions options) throws Exception {
        PageParity.assertIdentical(server, a, b, options.episodes(), STEP);
    }

    /** The share of one core the page's main thread was busy over the next {@code window}. */
    private static double busyShare(ParticipantPage page, Duration window) throws InterruptedException {
        double before = taskSeconds(page);
        long started = System.nanoTime();
        Thread.sleep(window.toMillis()); // a measurement window, not a synchronisation
        return (taskSeconds(page) - before) / ((System.nanoTime() - started) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String percents(List<Double> shares) {
        return shares.stream().map(x -> String.format(java.util.Locale.ROOT, "%.1f", x * 100)).toList().toString();
    }

    /** The page renderer's main-thread task time so far, in seconds (CDP Performance.getMetrics TaskDuration). */
    private static double taskSeconds(ParticipantPage page) {
        page.driver().executeCdpCommand("Performance.enable", Map.of());
        Map<String, Object> metrics = page.driver().executeCdpCommand("Performance.getMetrics", Map.of());
        for (Object m : (List<?>) metrics.get("metrics")) {
            Map<?, ?> metric = (Map<?, ?>) m;
            if ("TaskDuration".equals(metric.get("name"))) {
                return ((Number) metric.get("value")).doubleValue();
            }
        }
        throw new AssertionError("no TaskDuration in " + metrics);
    }

    private static boolean relayOk(java.util.concurrent.CompletableFuture<CommandResult> pending) throws Exception {
        CommandResult result = pending.get(30, TimeUnit.SECONDS);
        if (!result.ok()) {
            throw new AssertionError("command refused: " + result.describe());
        }
        return true;
    }

    /**
     * The fields the probe never read: unknown in every sample (a field that is unknown only at times, such as the
     * partner's frame between episodes, was read).
     */
    private static List<String> unknownFields(List<PeerSample> samples) {
        TreeSet<String> unknown = null;
        for (PeerSample s : samples) {
            TreeSet<String> here = new TreeSet<>(s.unknownFields());
            if (s.stepMs() == null) here.add("step_ms");
            if (s.relayRttMs() == null) here.add("relay_rtt_ms");
            if (s.fps() == null) here.add("fps");
            if (s.focused() == null) here.add("focused");
            if (s.icePath() == null) here.add("ice_path");
            if (unknown == null) {
                unknown = here;
            } else {
                unknown.retainAll(here);
            }
        }
        return unknown == null ? List.of() : new ArrayList<>(unknown);
    }

    private static double real(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static long num(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }
}
