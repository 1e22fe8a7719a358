package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.archive.ArchiveDatabase;
import org.rollscope.netcode.archive.ArchiveReader;
import org.rollscope.netcode.archive.ArchivedSession;
import org.rollscope.netcode.archive.RemoteArchive;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.testing.Await;

/**
 * {@code kill -9} of a real relay process ({@code rollscope relay}, archive on) in the middle of a session played by
 * two real headless peers, then a restart on the same port and data dir: every sample older than one second before
 * the kill is in the archive, the archive says the restart was unclean ({@code relay_restarted}), and it reads.
 */
class RelayKillTest {
    static final String TOKEN = "kill-token";

    @TempDir
    Path dir;

    @Test
    void aKilledRelayLosesAtMostTheLastSecondAndSaysSo() throws Exception {
        Path data = dir.resolve("data");
        Process relay = startRelay(data, 0);
        String url = new JSONObject(Files.readString(dir.resolve("ready.json"))).getString("url");
        int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        List<PeerSample> seen = new CopyOnWriteArrayList<>();
        ObserverClient observer = new ObserverClient(url, TOKEN);
        observer.addListener(new ObserverListener() {
            @Override
            public void onTelemetry(TelemetryBatch batch) {
                seen.addAll(batch.samples());
            }
        });
        observer.connect().get(30, TimeUnit.SECONDS);
        PeerConfig config = PeerConfig.builder(url).gameId("k9").episodes(1).framesPerEpisode(60 * 120).build();
        try (HeadlessPeer a = new HeadlessPeer(config.toBuilder().playerId("0").build()).start();
             HeadlessPeer b = new HeadlessPeer(config.toBuilder().playerId("1").build()).start()) {
            Await.until(Duration.ofSeconds(60), "samples from both seats", () -> seen.stream()
                    .filter(s -> s.playerId().equals("1")).count() > 30 && seen.stream()
                    .filter(s -> s.playerId().equals("0")).count() > 30, seen::size);
            relay.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
            assertTrue(relay.waitFor(30, TimeUnit.SECONDS));
            List<PeerSample> beforeKill = new ArrayList<>(seen);
            observer.close();

            Process again = startRelay(data, port);
            try {
                try (ArchiveReader reader = new ArchiveReader(new ArchiveDatabase("jdbc:sqlite:"
                        + data.resolve(ArchiveConfig.FILE_NAME).toAbsolutePath()))) {
                    for (String seat : List.of("0", "1")) {
                        long last = beforeKill.stream().filter(s -> s.playerId().equals(seat))
                                .mapToLong(PeerSample::tMs).max().orElseThrow();
                        Set<Long> archived = reader.samples("k9", Long.MIN_VALUE, Long.MAX_VALUE, null, 100_000)
                                .stream().filter(s -> s.playerId().equals(seat)).map(PeerSample::seq)
                                .collect(Collectors.toSet());
                        List<Long> missing = beforeKill.stream().filter(s -> s.playerId().equals(seat)
                                && s.tMs() <= last - 1000 && !archived.contains(s.seq())).map(PeerSample::seq)
                                .toList();
                        assertEquals(List.of(), missing, "seat " + seat + ": samples older than 1 s before the "
                                + "kill missing from the archive");
                    }
                    SessionEvent restarted = reader.events("k9", Long.MIN_VALUE, Long.MAX_VALUE, 10_000).stream()
                            .filter(e -> e.kind().equals(SessionEvent.KIND_RELAY_RESTARTED)).findFirst()
                            .orElseThrow(() -> new AssertionError("no relay_restarted event"));
                    assertEquals(false, restarted.detail().get("clean"), restarted.toString());
                }
                ObserverClient reader = new ObserverClient(url, TOKEN);
                reader.connect().get(30, TimeUnit.SECONDS);
                try {
                    ArchivedSession k9 = new RemoteArchive(reader).sessions(null, "k9").get(0);
                    assertTrue(k9.samples() > 60, k9.toString());
                } finally {
                    reader.close();
                }
            } finally {
                again.destroy(); // SIGTERM: a clean stop
                again.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code rollscope relay} in its own JVM, archive on (the default); waits for its ready file. */
    private Process startRelay(Path data, int port) throws Exception {
        Path ready = dir.resolve("ready.json");
        Files.deleteIfExists(ready);
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-cp", classPath, Main.class.getName(), "relay", "--port",
                Integer.toString(port), "--data-dir", data.toString(), "--token", TOKEN, "--ready-file",
                ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("relay-" + port + ".log").toFile()).start();
        Await.until(Duration.ofSeconds(60), "the relay process to be ready", () -> Files.exists(ready)
                || !p.isAlive(), () -> "log: " + log(port));
        assertTrue(p.isAlive(), "relay exited: " + log(port));
        return p;
    }

    private String log(int port) {
        try {
            return Files.readString(dir.resolve("relay-" + port + ".log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
