package org.rollscope.e2e.pilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rollscope.e2e.mug.E2eSetup;
import org.rollscope.e2e.mug.EpisodeCsv;
import org.rollscope.e2e.mug.ExperimentOptions;
import org.rollscope.e2e.mug.MugServer;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.peer.MugParticipant;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.peer.PilotRelayReporter;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * Two Rollscope MUG participants ({@code peer --mug}) through the pinned, unmodified MUG server, no browser: subject
 * ids, registration, static scenes, matching (with and without the matchmaker's P2P RTT probe), WebRTC signalling
 * and validation through MUG, play over the DataChannel, episode data, completion and the end scene. MUG stores the
 * same actions for both.
 */
class MugPilotPairTest {
    /** MUG's log lines of the probe handshake (app.py {@code handle_probe_ready}, {@code handle_probe_result}). */
    private static final Pattern PROBE_READY = Pattern.compile("\\[Probe] Ready: session=(\\S+), subject=(\\S+)");
    private static final Pattern PROBE_RESULT = Pattern.compile(
            "\\[Probe] Result: session=(\\S+), rtt=([0-9.eE+-]+|None)ms, success=(True|False)");

    /** Both results, and the telemetry A handed to an in-process listener (what the console's pilot card shows). */
    private record Pair(MugParticipant.MugResult a, MugParticipant.MugResult b, List<PeerSample> samplesOfA) {}

    @Test
    void twoRollscopeParticipantsPlayAWholeMugGameOverWebRtcAndMugStoresTheSameActions() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        ExperimentOptions options = ExperimentOptions.defaults().fps(20).maxSteps(100).episodes(2);
        Path relayData = Files.createTempDirectory("mug-pilot-pair-relay");
        try (MugServer server = MugServer.start(setup, "mug-pilot-pair", options);
             RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(relayData)
                     .observerToken("e2e").probeKey("pilot-key").build())) {
            relay.start();
            // Pilot B also reports to a Rollscope relay (peer --mug ... --report-to URL --probe-key K): a console
            // watching that relay sees B's seat of the MUG game.
            List<PeerSample> atObserver = new CopyOnWriteArrayList<>();
            try (ObserverClient observer = new ObserverClient(relay.url(), "e2e");
                 PilotRelayReporter reporter = new PilotRelayReporter(relay.url(), "pilot-key")) {
                observer.addListener(new ObserverListener() {
                    @Override
                    public void onTelemetry(TelemetryBatch batch) {
                        atObserver.addAll(batch.samples());
                    }
                }).connect().get(30, TimeUnit.SECONDS);
                Pair pair = playToTheEnd(server, "MugPilotPair", reporter);
                assertEquals(null, pair.a().probeRttMs(), "no probe without max_p2p_rtt_ms");
                assertTrue(reporter.sent() >= 10, "B's samples went to the relay: " + reporter.sent());
                List<PeerSample> ofB = atObserver.stream().filter(x -> pair.b().gameId().equals(x.gameId())
                        && pair.b().playerId().equals(x.playerId())).toList();
                assertTrue(ofB.size() >= 10, "the relay's observer saw B's seat of the MUG game: " + atObserver.size()
                        + " samples, " + ofB.size() + " of B");
                assertTrue(ofB.stream().allMatch(x -> PeerSample.SOURCE_MUG_PILOT.equals(x.source())
                        && "pilot-b".equals(x.subjectId())), ofB.get(0).toString());
                System.out.printf("MugPilotPair: B reported %d samples to the relay (%d dropped), its observer saw %d%n",
                        reporter.sent(), reporter.dropped(), ofB.size());
            }
            assertSameEpisodes(server);
        }
    }

    @Test
    void mugsMatchmakerProbesTheTwoParticipantsRttAndPairsThemUnderItsLimit() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        ExperimentOptions options = ExperimentOptions.defaults().fps(20).maxSteps(100).episodes(2)
                .maxP2pRttMs(100); // as MUG's cogrid examples
        try (MugServer server = MugServer.start(setup, "mug-pilot-probe", options)) {
            Pair pair = playToTheEnd(server, "MugPilotProbe", null);
            Double rttA = pair.a().probeRttMs();
            Double rttB = pair.b().probeRttMs();
            assertNotNull(rttA, "A measured the probe's RTT over the probe's DataChannel: " + pair.a());
            assertNotNull(rttB, "B measured it too (A answered B's pings and B answered A's): " + pair.b());
            assertTrue(rttA < 100 && rttB < 100, "one machine: well under the limit: " + rttA + " / " + rttB);

            String log = Files.readString(server.log());
            Matcher ready = PROBE_READY.matcher(log);
            List<String> readySubjects = new java.util.ArrayList<>();
            while (ready.find()) {
                readySubjects.add(ready.group(2));
            }
            assertEquals(2, readySubjects.size(), "one probe, both sides answered probe_prepare: " + readySubjects);
            assertTrue(readySubjects.containsAll(List.of("pilot-a", "pilot-b")), readySubjects.toString());
            Matcher result = PROBE_RESULT.matcher(log);
            assertTrue(result.find(), "a probe result reached MUG; see " + server.log());
            assertEquals("True", result.group(3), "the first result, the one MUG decides on: " + result.group());
            double mugRtt = Double.parseDouble(result.group(2));
            assertTrue(Math.abs(mugRtt - rttA) < 1e-3 || Math.abs(mugRtt - rttB) < 1e-3,
                    "MUG decided on one of the pilots' own figures: " + mugRtt + " vs " + rttA + " / " + rttB);
            // The pair played the whole game above, so MUG accepted the RTT (a rejected pair is never matched).
            System.out.printf("MugPilotProbe: probe RTT measured by A %.2f ms, by B %.2f ms; MUG decided on %.2f ms"
                    + " (limit 100)%n", rttA, rttB, mugRtt);
            assertSameEpisodes(server);
        }
    }

    @Test
    void aPilotOnASlowLinkIsRejectedByTheMatchmakersProbeWhileAFastPairIsMatched() throws Exception {
        // The slow pilot's --link delays what it sends by 150 ms, the probe's pings and pongs included: with a fast
        // partner the pair's P2P round trip is over the scene's 100 ms limit, so MUG must not match them. A second
        // fast pilot arriving later is matched with the first fast one, and the slow one is left waiting.
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        ExperimentOptions options = ExperimentOptions.defaults().fps(20).maxSteps(100).episodes(1).maxP2pRttMs(100);
        try (MugServer server = MugServer.start(setup, "mug-pilot-probe-rejected", options)) {
            PeerConfig slowLink = PeerConfig.builder(server.url()).bot("random")
                    .link(new LinkProfile(150, 0, 0, 0, 0, 0)).build();
            PeerConfig fastLink = PeerConfig.builder(server.url()).bot("random").build();
            try (MugParticipant slow = new MugParticipant(URI.create(server.url()), "pilot-slow", slowLink).start();
                 MugParticipant fast = new MugParticipant(URI.create(server.url()), "pilot-fast", fastLink).start()) {
                Matcher first = awaitLog(server, PROBE_RESULT, Duration.ofSeconds(90));
                assertEquals("True", first.group(3), "the probe measured: " + first.group());
                double mugRtt = Double.parseDouble(first.group(2));
                assertTrue(mugRtt >= 150, "MUG decides on a round trip with the slow side's 150 ms in it: " + mugRtt);
                try (MugParticipant second = new MugParticipant(URI.create(server.url()), "pilot-fast-2", fastLink)
                        .start()) {
                    MugParticipant.MugResult one = fast.finished().get(3, TimeUnit.MINUTES);
                    MugParticipant.MugResult two = second.finished().get(1, TimeUnit.MINUTES);
                    assertEquals(one.gameId(), two.gameId(), "the fast pair played one game: " + one + " / " + two);
                    assertEquals(1, one.episodesStored());
                    assertTrue(one.probeRttMs() != null && one.probeRttMs() < 100, "the fast pair's probe: " + one);
                    assertEquals(null, slow.latestSample(), "the slow pilot never got a game: " + slow.phase());
                    assertTrue(!slow.finished().isDone(), "the slow pilot still waits, it did not fail");
                    assertTrue(slow.probeRttMs() != null && slow.probeRttMs() >= 150, "the slow pilot's own figure: "
                            + slow.probeRttMs());
                    System.out.printf("MugPilotProbeRejected: MUG decided on %.1f ms for the slow pair (limit 100;"
                            + " slow pilot measured %.1f ms) and left it unmatched; the fast pair's probe %.2f ms;"
                            + " slow pilot's phase: %s%n", mugRtt, slow.probeRttMs(), one.probeRttMs(), slow.phase());
                }
            }
        }
    }

    /** Waits for the first line of MUG's log that {@code pattern} finds; returns its match. */
    private static Matcher awaitLog(MugServer server, Pattern pattern, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Matcher m = pattern.matcher(Files.readString(server.log()));
            if (m.find()) {
                return m;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("MUG never logged " + pattern + " within " + within + "; see "
                        + server.log());
            }
            Thread.sleep(200);
        }
    }

    /** @param reportOfB where B's samples also go (a Rollscope relay), or null */
    private static Pair playToTheEnd(MugServer server, String label, PilotRelayReporter reportOfB) throws Exception {
        PeerConfig config = PeerConfig.builder(server.url()).bot("random").build();
        long started = System.nanoTime();
        try (MugParticipant a = new MugParticipant(URI.create(server.url()), "pilot-a", config).start();
             MugParticipant b = new MugParticipant(URI.create(server.url()), "pilot-b", config).start()) {
            List<PeerSample> samplesOfA = new CopyOnWriteArrayList<>();
            a.onSample(samplesOfA::add);
            if (reportOfB != null) {
                b.onSample(reportOfB::report);
            }
            MugParticipant.MugResult ra = a.finished().get(4, TimeUnit.MINUTES);
            MugParticipant.MugResult rb = b.finished().get(4, TimeUnit.MINUTES);
            System.out.printf("%s: both at the end scene after %.1f s; first P2P input after %s / %s ms;"
                            + " A: %s%n B: %s%n", label, (System.nanoTime() - started) / 1e9, ra.firstP2pInputMs(),
                    rb.firstP2pInputMs(), ra, rb);
            assertEquals(2, ra.episodesStored(), "A: MUG acknowledged every episode: " + ra);
            assertEquals(2, rb.episodesStored(), "B: MUG acknowledged every episode: " + rb);
            assertTrue(ra.inputsSentP2p() >= 200 && rb.inputsSentP2p() >= 200, "inputs went over the DataChannel: "
                    + ra + " / " + rb);
            assertEquals("host", ra.lastSample().icePath(), "one network: host candidates: " + ra.lastSample());
            assertTrue(samplesOfA.size() >= 10, "A's telemetry reached its listener: " + samplesOfA.size());
            for (PeerSample s : samplesOfA) {
                assertEquals(ra.gameId(), s.gameId(), "a pilot's session is the MUG game");
                assertEquals(ra.playerId(), s.playerId());
                assertEquals(PeerSample.SOURCE_MUG_PILOT, s.source());
                assertEquals("pilot-a", s.subjectId());
            }
            return new Pair(ra, rb, samplesOfA);
        }
    }

    private static void assertSameEpisodes(MugServer server) throws Exception {
        Map<String, List<EpisodeCsv>> data = server.awaitEpisodes(List.of("pilot-a", "pilot-b"),
                Duration.ofSeconds(60));
        for (int e = 0; e < 2; e++) {
            EpisodeCsv first = data.get("pilot-a").get(e);
            EpisodeCsv second = data.get("pilot-b").get(e);
            assertEquals(100, first.frameRows().size(), "episode " + e + " of A: " + first.file());
            for (String column : List.of("t", "actions.0", "actions.1")) {
                assertEquals(first.column(column), second.column(column), column + " of episode " + e);
            }
        }
    }
}
