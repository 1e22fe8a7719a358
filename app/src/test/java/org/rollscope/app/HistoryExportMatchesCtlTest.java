package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.archive.ArchivedSession;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.Await;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.export.ExportRequest;
import org.rollscope.ui.history.HistoryViewModel;

/**
 * The console History's export of an archived session and the relay's own {@code rollscope ctl export} of it (the
 * real command line) write the same bytes, CSV and events CSV. The History's view-model runs here without a stage:
 * its background work and its FX hand-back are both run in place.
 */
class HistoryExportMatchesCtlTest {
    @TempDir
    Path dir;

    @Test
    void theHistorysCsvExportIsByteForByteWhatCtlExportWrites() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("data"))
                .archive(ArchiveConfig.EMBEDDED).build())) {
            relay.start();
            PeerConfig config = PeerConfig.builder(relay.url()).gameId("lab9").episodes(1).framesPerEpisode(180)
                    .build();
            try (HeadlessPeer a = new HeadlessPeer(config.toBuilder().playerId("0").build()).start();
                 HeadlessPeer b = new HeadlessPeer(config.toBuilder().playerId("1").build()).start()) {
                a.finished().get(60, TimeUnit.SECONDS);
                b.finished().get(60, TimeUnit.SECONDS);
            }
            Await.until(Duration.ofSeconds(20), "the archive to catch up",
                    () -> relay.archiveStats().queued() == 0 && relay.archiveStats().samplesWritten() > 20,
                    relay::archiveStats);

            HistoryViewModel history = new HistoryViewModel(Runnable::run, Runnable::run, System::currentTimeMillis,
                    source -> { }, message -> { });
            history.archiveProperty().set(new RelaySource(relay.url(), relay.observerToken()).archive());
            List<ArchivedSession> sessions = history.refresh().get(30, TimeUnit.SECONDS);
            assertEquals("lab9", sessions.get(0).gameId());
            history.export(sessions.get(0), new ExportRequest(dir.resolve("console"), "lab9", "lab9", true, false))
                    .get(60, TimeUnit.SECONDS);

            Path ctlOut = dir.resolve("ctl/lab9-samples.csv");
            CommandRun ctl = CommandRun.of("ctl", "--server", relay.url(), "--token", relay.observerToken(), "export",
                    "--game", "lab9", "--format", "csv", "--out", ctlOut.toString());
            assertEquals(0, ctl.exit(), ctl.err());
            assertEquals(sessions.get(0).samples() + 1, Files.readAllLines(ctlOut).size());
            assertArrayEquals(Files.readAllBytes(ctlOut), Files.readAllBytes(dir.resolve("console/lab9-samples.csv")));
            assertArrayEquals(Files.readAllBytes(dir.resolve("ctl/lab9-events.csv")),
                    Files.readAllBytes(dir.resolve("console/lab9-events.csv")));
        }
    }
}
