package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.testing.Await;
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
            List<String> p0 = shared(dataDir.resolve("g1/0_ep0.csv"));
            List<String> p1 = shared(dataDir.resolve("g1/1_ep0.csv"));
            assertEquals(241, p0.size(), "header + 240 frames");
            assertEquals(p0, p1, "every non-local column identical");
        }
    }

    /** The CSV without its {@code local.} columns (the last four). */
    static List<String> shared(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(line -> {
            String[] cells = line.split(",");
            return String.join(",", java.util.Arrays.copyOf(cells, cells.length - 4));
        }).toList();
    }
}
