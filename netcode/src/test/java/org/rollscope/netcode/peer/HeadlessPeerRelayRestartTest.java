package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.testing.Await;

/** The relay goes away mid-session and comes back on the same port: nothing is lost. */
class HeadlessPeerRelayRestartTest {

    @TempDir
    Path dataDir;

    private static final int FRAMES = 300;
    /** One second of play. */
    private static final int OUTAGE_FRAMES = 60;

    /** Frames played since the session began (episodes are {@link #FRAMES} long). */
    private static long position(PeerSample s) {
        return (long) s.episode() * FRAMES + s.frame();
    }

    @Test
    void peersPlayOnOverP2pWhileTheRelayIsDownAndStoreEverythingOnceItIsBack() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(2).framesPerEpisode(FRAMES))) {
            HeadlessPeerFallbackTest.awaitTransport(live, "0", "p2p");
            HeadlessPeerFallbackTest.awaitTransport(live, "1", "p2p");
            live.stopRelay();
            Await.until(Duration.ofSeconds(10), "peers to notice the relay is gone",
                    () -> !live.peer0.relayConnected() && !live.peer1.relayConnected());
            int samplesBefore = live.samples.size();
            // Both keep playing peer to peer while the relay is down: progress measured from the moment they noticed
            // (a frame count reached before the outage proves nothing).
            long from0 = position(live.peer0.latestSample());
            long from1 = position(live.peer1.latestSample());
            Await.until(Duration.ofSeconds(10), "both peers to play " + OUTAGE_FRAMES + " frames without a relay",
                    () -> position(live.peer0.latestSample()) >= from0 + OUTAGE_FRAMES
                            && position(live.peer1.latestSample()) >= from1 + OUTAGE_FRAMES,
                    () -> "peer0 from " + from0 + " to " + position(live.peer0.latestSample()) + ", peer1 from "
                            + from1 + " to " + position(live.peer1.latestSample()));
            assertTrue(!live.peer0.relayConnected() && !live.peer1.relayConnected(), "still without a relay");
            live.startRelayAgain();
            Await.until(Duration.ofSeconds(15), "peers and observer back",
                    () -> live.peer0.relayConnected() && live.peer1.relayConnected()
                            && live.observer.state() == ConnectionState.CONNECTED,
                    () -> live.peer0.relayConnected() + "/" + live.peer1.relayConnected() + "/" + live.observer.state());
            Await.until(Duration.ofSeconds(10), "fresh telemetry after the restart",
                    () -> live.samples.size() > samplesBefore + 10, live.samples::size);
            live.awaitFinished(Duration.ofSeconds(60));
            assertEquals(2, live.peer0.finished().get().episodesStored());
            assertEquals(2, live.peer1.finished().get().episodesStored());
            HeadlessPeerFallbackTest.assertParity(live, 2, FRAMES);
            assertTrue(live.relay.stats().episodesStored() >= 1, "the restarted relay stored what came after: "
                    + live.relay.stats());
        }
    }
}
