package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.testing.DocumentedEpisodeCsv;
import org.rollscope.netcode.testing.EpisodeCsvFile;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;

/** Two real headless peers on a real relay over real sockets: a whole session, end to end. */
class HeadlessPeerSessionTest {

    @TempDir
    Path dataDir;

    @Test
    void twoPeersPlayAnEpisodeOverP2pAndStoreIdenticalData() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir)
                .observerToken("t").build())) {
            relay.start();
            PeerConfig config = PeerConfig.builder(relay.url()).gameId("g1").episodes(1).framesPerEpisode(240)
                    .link(new LinkProfile(20, 5, 0.05, 0, 0, 0)).build();
            try (HeadlessPeer a = new HeadlessPeer(config).start();
                 HeadlessPeer b = new HeadlessPeer(config).start()) {
                Await.until(Duration.ofSeconds(30), "both peers to finish",
                        () -> a.finished().isDone() && b.finished().isDone(),
                        () -> "\n a: " + a.latestSample() + "\n b: " + b.latestSample());
                PeerResult ra = a.finished().get(1, TimeUnit.SECONDS);
                PeerResult rb = b.finished().get(1, TimeUnit.SECONDS);
                assertEquals(1, ra.episodesStored());
                assertEquals(1, rb.episodesStored());
                assertEquals(0, ra.desyncs() + rb.desyncs());
                assertTrue(ra.inputsSentP2p() > 0 && rb.inputsSentP2p() > 0, ra + " / " + rb);
            }
            EpisodeCsvFile p0 = EpisodeCsvFile.read(dataDir.resolve("g1/0_ep0.csv"));
            EpisodeCsvFile p1 = EpisodeCsvFile.read(dataDir.resolve("g1/1_ep0.csv"));
            assertEquals(DocumentedEpisodeCsv.columns(), p0.header(), "the stored header is README's");
            assertEquals(240, p0.rowCount(), "240 frames");
            assertEquals(p0.sharedRows(), p1.sharedRows(), "every column without the local. prefix identical");
        }
    }
}
