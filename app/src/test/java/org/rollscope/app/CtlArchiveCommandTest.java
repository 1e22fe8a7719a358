package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.timeline.TimelineColumns;

/**
 * {@code ctl history} and {@code ctl export} against a real archiving relay after two real headless peers played a
 * session: the history lists it, the CSV and JSON exports hold every archived sample, progress goes to stderr.
 */
class CtlArchiveCommandTest {
    @TempDir
    Path dir;

    @Test
    void historyListsThePlayedSessionAndExportWritesItAsCsvAndJson() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("data"))
                .archive(ArchiveConfig.EMBEDDED).build())) {
            relay.start();
            RelayCommand.writeReadyFile(dir.resolve("ready.json"), relay.url(), relay.observerToken());
            PeerConfig config = PeerConfig.builder(relay.url()).gameId("lab7").episodes(1).framesPerEpisode(180)
                    .build();
            try (HeadlessPeer a = new HeadlessPeer(config.toBuilder().playerId("0").build()).start();
                 HeadlessPeer b = new HeadlessPeer(config.toBuilder().playerId("1").build()).start()) {
                Await.until(Duration.ofSeconds(60), "both peers to finish",
                        () -> a.finished().isDone() && b.finished().isDone());
            }
            Await.until(Duration.ofSeconds(20), "the archive to catch up",
                    () -> relay.archiveStats().queued() == 0 && relay.archiveStats().samplesWritten() > 20,
                    relay::archiveStats);
            String ready = dir.resolve("ready.json").toString();

            CommandRun history = CommandRun.of("ctl", "--ready-file", ready, "history", "--since", "1h");
            assertEquals(0, history.exit(), history.err());
            assertTrue(history.lines().get(0).startsWith("game"), history.out());
            assertTrue(history.lines().get(1).startsWith("lab7") && history.lines().get(1).contains("0,1"),
                    history.out());
            CommandRun json = CommandRun.of("ctl", "--ready-file", ready, "history", "--game", "lab7", "--json");
            assertEquals(0, json.exit(), json.err());
            JSONObject session = new JSONArray(json.out()).getJSONObject(0);
            long samples = session.getLong("samples");
            assertTrue(samples > 20, json.out());

            Path csv = dir.resolve("out/lab7-samples.csv");
            CommandRun export = CommandRun.of("ctl", "--ready-file", ready, "export", "--game", "lab7", "--format",
                    "csv", "--out", csv.toString());
            assertEquals(0, export.exit(), export.err());
            assertTrue(export.err().contains("rows (100 %)"), export.err());
            List<String> lines = Files.readAllLines(csv);
            assertEquals(String.join(",", TimelineColumns.SAMPLE_COLUMNS), lines.get(0));
            assertEquals(samples, lines.size() - 1);
            assertTrue(lines.get(1).endsWith(",\"relay " + relay.url() + "\""), lines.get(1));
            assertTrue(Files.readString(dir.resolve("out/lab7-events.csv")).contains(",joined,"));

            Path jsonOut = dir.resolve("out/lab7.json");
            CommandRun exportJson = CommandRun.of("ctl", "--ready-file", ready, "export", "--game", "lab7",
                    "--format", "json", "--out", jsonOut.toString());
            assertEquals(0, exportJson.exit(), exportJson.err());
            JSONObject file = new JSONObject(Files.readString(jsonOut));
            assertEquals("rollscope-timeline", file.getJSONObject("meta").getString("format"));
            assertEquals(samples, file.getJSONArray("samples").length());
            assertTrue(file.getJSONArray("events").length() > 0);
        }
    }

    @Test
    void aRelayWithoutItsArchiveAndAnUnknownGameAreRefusedWithExitOne() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("off")).build())) {
            relay.start();
            CommandRun off = CommandRun.of("ctl", "--server", relay.url(), "--token", relay.observerToken(),
                    "history");
            assertEquals(1, off.exit());
            assertTrue(off.err().contains("archive_off"), off.err());
        }
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("on"))
                .archive(ArchiveConfig.EMBEDDED).build())) {
            relay.start();
            CommandRun unknown = CommandRun.of("ctl", "--server", relay.url(), "--token", relay.observerToken(),
                    "export", "--game", "nope", "--format", "csv", "--out", dir.resolve("x.csv").toString());
            assertEquals(1, unknown.exit());
            assertTrue(unknown.err().contains("unknown_game"), unknown.err());
            assertTrue(Files.notExists(dir.resolve("x.csv")));
            CommandRun badTime = CommandRun.of("ctl", "--server", relay.url(), "--token", relay.observerToken(),
                    "history", "--since", "yesterday");
            assertEquals(2, badTime.exit());
            assertTrue(badTime.err().contains("cannot read the time"), badTime.err());
        }
    }
}
