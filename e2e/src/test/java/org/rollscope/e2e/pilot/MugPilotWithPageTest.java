package org.rollscope.e2e.pilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rollscope.e2e.mug.E2eSetup;
import org.rollscope.e2e.mug.EpisodeCsv;
import org.rollscope.e2e.mug.ExperimentFlow;
import org.rollscope.e2e.mug.ExperimentOptions;
import org.rollscope.e2e.mug.MugServer;
import org.rollscope.e2e.mug.ParticipantPage;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.mug.MugPlayer;
import org.rollscope.netcode.mug.MugSource;
import org.rollscope.netcode.peer.MugParticipant;
import org.rollscope.netcode.peer.PeerConfig;

/**
 * One real Chromium page (a human's stand-in pressing keys) and the Rollscope pilot through a whole game of the
 * pinned MUG server: both reach the end scene; the page's episode data holds the pilot's actions on the frames the
 * pilot played them; MUG's admin feed shows the game as direct P2P; forcing the page's fallback in the first episode
 * (MUG's own flag) and the pilot's (its force fallback, MUG's latch) moves both sides' inputs to Socket.IO and the
 * game still finishes across the episode boundary.
 */
class MugPilotWithPageTest {

    private static final Duration STEP = Duration.ofSeconds(120);

    @Test
    void aPagePlaysAWholeGameWithThePilotAndAForcedPageFallbackStillFinishes() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        ExperimentOptions options = ExperimentOptions.defaults().fps(20).maxSteps(200).episodes(2);
        try (MugServer server = MugServer.start(setup, "mug-pilot-page", options);
             ParticipantPage page = ParticipantPage.open(setup, server, "human-a");
             MugSource admin = new MugSource(server.url(), "admin123")) {
            admin.connect().get(30, TimeUnit.SECONDS);
            List<String> directSeen = new CopyOnWriteArrayList<>();
            ExperimentFlow.joinGame(page, STEP);
            long started = System.nanoTime();
            PeerConfig config = PeerConfig.builder(server.url()).bot("random").build();
            try (MugParticipant pilot = new MugParticipant(URI.create(server.url()), "pilot", config).start()) {
                ExperimentFlow.awaitPlaying(page, STEP);
                page.startRandomKeys(7, 150);
                page.waitUntil("window.game && window.game.frameNumber > 60", STEP);
                PeerSample mid = pilot.latestSample();
                Object pageRtt = page.eval("window.game.latencyTelemetry && window.game.latencyTelemetry.getStats()"
                        + " ? window.game.latencyTelemetry.getStats().medianMs : null");
                Object pageP2pRtt = page.eval("window.game.connectionHealth && window.game.connectionHealth.rttTracker"
                        + " ? window.game.connectionHealth.rttTracker.getAverageRTT() : null");
                Map<String, Object> pageMid = page.gameFields();
                assertEquals(Boolean.FALSE, pageMid.get("fallback"), "the page plays over P2P first: " + pageMid);

                // Forced mid-episode 0, as MUG's own RTT trigger does; the page's health reports keep saying direct
                // while its channel is open (mug-browser.md §1), so the admin feed is read afterwards.
                page.script("window.game.p2pMetrics.p2pFallbackTriggered = true;"
                        + " window.game.p2pMetrics.p2pFallbackFrame = window.game.frameNumber;");
                // MUG does not pass a page's fallback on to its partner: the pilot is forced too (the console's force
                // fallback on the pilot's card), so both sides' inputs go by Socket.IO while the DataChannel stays
                // open for episode sync, and both must still cross the episode boundary and finish.
                assertTrue(pilot.forceFallback().get(10, TimeUnit.SECONDS), "the pilot in its game took the command");
                for (int i = 0; i < 100 && directSeen.size() < 2; i++) {
                    admin.lastSessions().forEach(s -> s.players().forEach(p -> {
                        if (p.report() != null && "direct".equals(p.report().connectionType())
                                && !directSeen.contains(p.playerId())) {
                            directSeen.add(p.playerId());
                        }
                    }));
                    Thread.sleep(200);
                }
                ExperimentFlow.awaitEnd(page, Duration.ofMinutes(5));
                MugParticipant.MugResult result = pilot.finished().get(2, TimeUnit.MINUTES);
                Map<String, Object> pageEnd = page.gameFields();
                System.out.printf("MugPilotWithPage: first P2P input %s ms after the pilot started (%.1f s in all);"
                                + " pilot P2P RTT %s ms, ICE %s RTT %s ms; page: latency median %s ms, P2P RTT %s ms;"
                                + " page at end %s; pilot %s%n", result.firstP2pInputMs(),
                        (System.nanoTime() - started) / 1e9, mid == null ? null : mid.rttMs(),
                        mid == null ? null : mid.icePath(), mid == null ? null : mid.iceRttMs(), pageRtt, pageP2pRtt,
                        pageEnd, result);
                assertEquals(2, result.episodesStored(), "the pilot's episodes were stored: " + result);
                assertTrue(((Number) pageEnd.get("inputsSentViaSocketIO")).longValue() > 0,
                        "the forced page sent inputs by Socket.IO: " + pageEnd);
                assertTrue(result.lastSample().inputsRecvRelay() > 0, "the pilot received them there: " + result);
                assertTrue(result.inputsSentRelay() > 0 && PeerSample.TRANSPORT_RELAY.equals(
                        result.lastSample().transport()), "the forced pilot sent by Socket.IO: " + result);
                assertTrue(((Number) pageEnd.get("inputsReceivedViaSocketIO")).longValue() > 0,
                        "the page received the pilot's inputs there: " + pageEnd);
                String pilotId = result.playerId();
                String pageId = "0".equals(pilotId) ? "1" : "0";
                // MUG's admin feed drops a report whose player_id is the integer 0, which is what a page sends
                // (mug-browser.md §2.9; the pilot sends its id as text): the page's seat shows only when it is not 0.
                List<String> expectedDirect = "0".equals(pageId) ? List.of(pilotId) : List.of(pilotId, pageId);
                assertTrue(directSeen.containsAll(expectedDirect), "MUG's admin feed showed the game as direct P2P: "
                        + directSeen + " " + admin.lastSessions());
                Map<String, List<EpisodeCsv>> data = server.awaitEpisodes(List.of("human-a", "pilot"), STEP);
                for (int e = 0; e < 2; e++) {
                    List<String> onPage = data.get("human-a").get(e).column("actions." + pilotId);
                    List<String> ownRecord = data.get("pilot").get(e).column("actions." + pilotId);
                    List<String> mismatches = new ArrayList<>();
                    for (int f = 0; f < Math.min(onPage.size(), ownRecord.size()); f++) {
                        if (!EpisodeCsv.integer(onPage.get(f)).equals(EpisodeCsv.integer(ownRecord.get(f)))) {
                            mismatches.add("frame " + f + ": page " + onPage.get(f) + ", pilot " + ownRecord.get(f));
                        }
                    }
                    assertEquals(List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), "episode " + e
                            + ": the page recorded the pilot's actions on the frames the pilot played them ("
                            + page.mugDivergenceWarnings() + ")");
                    assertTrue(ownRecord.size() >= options.maxSteps() - 1, "episode " + e + " of the pilot: "
                            + ownRecord.size() + " frames");
                }
            }
        }
    }
}
