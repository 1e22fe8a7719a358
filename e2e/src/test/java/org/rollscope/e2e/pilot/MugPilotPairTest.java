package org.rollscope.e2e.pilot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rollscope.e2e.mug.E2eSetup;
import org.rollscope.e2e.mug.EpisodeCsv;
import org.rollscope.e2e.mug.ExperimentOptions;
import org.rollscope.e2e.mug.MugServer;
import org.rollscope.netcode.peer.MugParticipant;
import org.rollscope.netcode.peer.PeerConfig;

/**
 * Two Rollscope MUG participants ({@code peer --mug}) through the pinned, unmodified MUG server, no browser: subject
 * ids, registration, static scenes, matching, WebRTC signalling and validation through MUG, play over the
 * DataChannel, episode data, completion and the end scene. MUG stores the same actions for both.
 */
class MugPilotPairTest {

    @Test
    void twoRollscopeParticipantsPlayAWholeMugGameOverWebRtcAndMugStoresTheSameActions() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        ExperimentOptions options = ExperimentOptions.defaults().fps(20).maxSteps(100).episodes(2);
        try (MugServer server = MugServer.start(setup, "mug-pilot-pair", options)) {
            PeerConfig config = PeerConfig.builder(server.url()).bot("random").build();
            long started = System.nanoTime();
            try (MugParticipant a = new MugParticipant(URI.create(server.url()), "pilot-a", config).start();
                 MugParticipant b = new MugParticipant(URI.create(server.url()), "pilot-b", config).start()) {
                MugParticipant.MugResult ra = a.finished().get(4, TimeUnit.MINUTES);
                MugParticipant.MugResult rb = b.finished().get(4, TimeUnit.MINUTES);
                System.out.printf("MugPilotPair: both at the end scene after %.1f s; first P2P input after %s / %s ms;"
                                + " A: %s%n B: %s%n", (System.nanoTime() - started) / 1e9, ra.firstP2pInputMs(),
                        rb.firstP2pInputMs(), ra, rb);
                assertEquals(2, ra.episodesStored(), "A: MUG acknowledged every episode: " + ra);
                assertEquals(2, rb.episodesStored(), "B: MUG acknowledged every episode: " + rb);
                assertTrue(ra.inputsSentP2p() >= 200 && rb.inputsSentP2p() >= 200, "inputs went over the DataChannel: "
                        + ra + " / " + rb);
                assertEquals("host", ra.lastSample().icePath(), "one network: host candidates: " + ra.lastSample());
            }
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
}
