package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.testing.DocumentedEpisodeCsv;
import org.rollscope.netcode.testing.EpisodeCsvFile;

/**
 * Issue 12 finding 7: a peer whose partner is killed mid-episode ends the episode after the partner timeout and the
 * relay stores what was confirmed, marked partial, instead of the peer sitting at its frame for ever.
 */
class HeadlessPeerPartnerGoneTest {
    private static final Duration PARTNER_TIMEOUT = Duration.ofSeconds(4);

    @TempDir
    Path dataDir;

    @Test
    void peerWhosePartnerIsKilledEndsTheEpisodeAfterTheTimeoutAndStoresTheConfirmedFramesAsPartial()
            throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(2).framesPerEpisode(3_000)
                .partnerTimeout(PARTNER_TIMEOUT))) {
            Await.until(Duration.ofSeconds(20), "both peers playing", () -> frame(live.peer0) > 180
                    && frame(live.peer1) > 180, () -> live.peer0.latestSample() + " / " + live.peer1.latestSample());
            long killedNanos = System.nanoTime();
            live.peer1.close(); // its loop, relay connection and socket gone at once, as a kill -9 leaves them

            PeerResult result = live.peer0.finished().get(PARTNER_TIMEOUT.toSeconds() + 20, TimeUnit.SECONDS);
            long endedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNanos);
            System.out.printf("partner gone: peer 0 ended and stored its partial episode %d ms after the kill"
                    + " (timeout %d ms)%n", endedAfterMs, PARTNER_TIMEOUT.toMillis());
            assertTrue(result.partnerGone(), result.toString());
            assertEquals(0, result.episodes(), "no episode played to its end");
            assertEquals(1, result.episodesStored(), "the partial episode was stored");
            assertTrue(endedAfterMs >= PARTNER_TIMEOUT.toMillis(), "not before the timeout: " + endedAfterMs);
            assertTrue(endedAfterMs < PARTNER_TIMEOUT.toMillis() + 5_000, "soon after it: " + endedAfterMs);

            Path partial = dataDir.resolve(LiveSession.GAME + "/0_ep0.partial.csv");
            assertTrue(Files.exists(partial), "stored under the partial name");
            assertFalse(Files.exists(dataDir.resolve(LiveSession.GAME + "/0_ep0.csv")), "never as a whole episode");
            Await.until(Duration.ofSeconds(5), "the partner_gone event", () -> !live.eventsOf("partner_gone").isEmpty(),
                    () -> live.events);
            SessionEvent gone = live.eventsOf("partner_gone").get(0);
            int confirmed = ((Number) gone.detail().get("confirmed_frame")).intValue();
            assertEquals(Boolean.TRUE, gone.detail().get("partial_episode"));

            EpisodeCsvFile csv = EpisodeCsvFile.read(partial);
            assertEquals(DocumentedEpisodeCsv.columns(), csv.header());
            assertEquals(confirmed + 1, csv.rowCount(), "exactly the confirmed frames 0.." + confirmed);
            for (int i = 0; i < csv.rowCount(); i++) {
                assertEquals("0/" + i, csv.cell(i, "episode") + "/" + csv.cell(i, "frame"));
            }
            List<SessionEvent> stored = live.eventsOf("export_stored");
            Await.until(Duration.ofSeconds(5), "the export_stored event", () -> !live.eventsOf("export_stored")
                    .isEmpty(), () -> live.events);
            assertEquals(Boolean.TRUE, live.eventsOf("export_stored").get(0).detail().get("partial"), "" + stored);
        }
    }

    private static int frame(HeadlessPeer peer) {
        var s = peer.latestSample();
        return s == null ? -1 : s.frame();
    }
}
