package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.testing.Await;

/** The relay goes away mid-session and comes back on the same port: nothing is lost. */
class HeadlessPeerRelayRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void peersPlayOnOverP2pWhileTheRelayIsDownAndStoreEverythingOnceItIsBack() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(2).framesPerEpisode(300))) {
            HeadlessPeerFallbackTest.awaitTransport(live, "0", "p2p");
            HeadlessPeerFallbackTest.awaitTransport(live, "1", "p2p");
            live.stopRelay();
            Await.until(Duration.ofSeconds(10), "peers to notice the relay is gone",
                    () -> !live.peer0.relayConnected() && !live.peer1.relayConnected());
            int samplesBefore = live.samples.size();
            // Both keep playing peer to peer while the relay is down.
            Await.until(Duration.ofSeconds(10), "frames to advance without a relay",
                    () -> live.peer0.latestSample().frame() > 200 || live.peer0.latestSample().episode() > 0,
                    live.peer0::latestSample);
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
            HeadlessPeerFallbackTest.assertParity(live, 2, 300);
            assertTrue(live.relay.stats().episodesStored() >= 1, "the restarted relay stored what came after: "
                    + live.relay.stats());
        }
    }
}
