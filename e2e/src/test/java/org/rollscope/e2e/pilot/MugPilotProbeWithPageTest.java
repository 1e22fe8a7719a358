package org.rollscope.e2e.pilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rollscope.e2e.mug.E2eSetup;
import org.rollscope.e2e.mug.ExperimentFlow;
import org.rollscope.e2e.mug.ExperimentOptions;
import org.rollscope.e2e.mug.MugServer;
import org.rollscope.e2e.mug.ParticipantPage;
import org.rollscope.netcode.peer.MugParticipant;
import org.rollscope.netcode.peer.PeerConfig;

/**
 * The matchmaker's RTT probe between a real Chromium page (MUG's own {@code ProbeConnection}) and the Rollscope pilot,
 * through the pinned MUG server with {@code max_p2p_rtt_ms=100}: the page offers ("human-a" sorts before "pilot"),
 * each side pings the other over the probe's DataChannel (JSON text) and reports its median; MUG pairs them and the
 * game plays to the end. Both figures are in MUG's log (app.py logs every {@code probe_result}; it decides on the
 * first).
 */
class MugPilotProbeWithPageTest {

    private static final Duration STEP = Duration.ofSeconds(120);
    private static final Pattern PROBE_RESULT = Pattern.compile(
            "\\[Probe] Result: session=(\\S+), rtt=([0-9.eE+-]+|None)ms, success=(True|False)");

    @Test
    void thePageAndThePilotMeasureEachOtherInMugsProbeAndMugPairsThem() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        ExperimentOptions options = ExperimentOptions.defaults().fps(20).maxSteps(100).episodes(1).maxP2pRttMs(100);
        try (MugServer server = MugServer.start(setup, "mug-pilot-probe-page", options);
             ParticipantPage page = ParticipantPage.open(setup, server, "human-a")) {
            ExperimentFlow.joinGame(page, STEP);
            PeerConfig config = PeerConfig.builder(server.url()).bot("random").build();
            try (MugParticipant pilot = new MugParticipant(URI.create(server.url()), "pilot", config).start()) {
                ExperimentFlow.awaitPlaying(page, STEP);
                page.startRandomKeys(7, 150);
                ExperimentFlow.awaitEnd(page, Duration.ofMinutes(5));
                MugParticipant.MugResult result = pilot.finished().get(2, TimeUnit.MINUTES);
                assertEquals(1, result.episodesStored(), "the game played to the end: " + result);
                Double pilotRtt = result.probeRttMs();
                assertNotNull(pilotRtt, "the page answered the pilot's pings: " + result);

                List<String> figures = new ArrayList<>();
                Matcher m = PROBE_RESULT.matcher(Files.readString(server.log()));
                while (m.find()) {
                    assertEquals("True", m.group(3), "every probe result succeeded: " + m.group());
                    figures.add(m.group(2));
                }
                assertEquals(2, figures.size(), "one probe, a result from each side: " + figures);
                int pilotsLine = Math.abs(Double.parseDouble(figures.get(0)) - pilotRtt) < 1e-3 ? 0 : 1;
                assertTrue(Math.abs(Double.parseDouble(figures.get(pilotsLine)) - pilotRtt) < 1e-3,
                        "one of the results is the pilot's own " + pilotRtt + ": " + figures);
                double pageRtt = Double.parseDouble(figures.get(1 - pilotsLine));
                assertTrue(pilotRtt < 100 && pageRtt < 100, "one machine, well under the limit: " + figures);
                System.out.printf("MugPilotProbeWithPage: probe RTT measured by the pilot %.2f ms, by the page %.0f ms"
                                + " (whole ms, Date.now()); MUG decided on the %s's (the first); first P2P input"
                                + " %s ms after the pilot started%n", pilotRtt, pageRtt,
                        pilotsLine == 0 ? "pilot" : "page", result.firstP2pInputMs());
            }
        }
    }
}
