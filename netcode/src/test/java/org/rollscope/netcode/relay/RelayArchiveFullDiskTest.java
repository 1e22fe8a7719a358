package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.testing.Await;

/**
 * The archive on a disk that fills up: a real 4 MB tmpfs mounted for the test (the build runs as root), filled to
 * the last byte while a peer keeps reporting. Observers keep getting every sample; the archive buffers, then drops
 * and counts, and says so in an {@code archive_dropped} event; once space is freed it writes again and the archive
 * is readable. The mount is removed whatever happens.
 */
class RelayArchiveFullDiskTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskCostsArchivedRowsCountedAndReportedNeverDelivery() throws Exception {
        Path mount = tmp.resolve("archive-small-disk");
        Files.createDirectories(mount);
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString());
        try {
            exercise(mount);
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private void exercise(Path dataDir) throws Exception {
        ArchiveConfig archive = ArchiveConfig.EMBEDDED.withBuffer(300, Duration.ofMillis(50), Duration.ofMinutes(10));
        // The test sends 900 samples at once from one connection: the per-connection rate limit (300/s, burst 600)
        // would refuse a third of them on a fast machine and the test would be about the limiter, not the disk.
        try (RelayFixture fixture = new RelayFixture(dataDir,
                b -> b.archive(archive).eventsPerSecond(100_000).eventBurst(100_000))) {
            AtomicLong delivered = new AtomicLong();
            List<SessionEvent> events = new CopyOnWriteArrayList<>();
            ObserverClient observer = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"));
            observer.addListener(new ObserverListener() {
                @Override
                public void onTelemetry(TelemetryBatch batch) {
                    delivered.addAndGet(batch.samples().size());
                }

                @Override
                public void onSessionEvent(SessionEvent event) {
                    events.add(event);
                }
            }).connect().get(30, TimeUnit.SECONDS);
            TestPeer peer = fixture.peer();
            JSONObject seat = peer.join(new JSONObject().put("game_id", "full").put("player_id", "0"));
            long seq = send(peer, 0, 100);
            Await.until(TestPeer.WAIT, "the first rows archived", () -> fixture.relay.archiveStats().samplesWritten() == 100,
                    fixture.relay::archiveStats);

            // The first 100 may still be on their way to the observer when they are archived: count from after them.
            Await.until(TestPeer.WAIT, "the first samples delivered", () -> delivered.get() == 100,
                    () -> delivered + " " + fixture.relay.stats());
            Path filler = dataDir.resolve("filler");
            fill(filler);
            long before = delivered.get();
            seq = send(peer, seq, 900); // three buffers' worth while nothing can be written
            Await.until(Duration.ofSeconds(20), "every sample delivered to the observer",
                    () -> delivered.get() == before + 900, () -> delivered + " " + fixture.relay.stats());
            Await.until(Duration.ofSeconds(20), "drops counted and announced while the disk is full",
                    () -> fixture.relay.archiveStats().droppedSamples() > 0 && fixture.relay.archiveStats().writeFailures() > 0
                            && events.stream().anyMatch(e -> e.kind().equals(SessionEvent.KIND_ARCHIVE_DROPPED)),
                    () -> fixture.relay.archiveStats() + " " + events);
            SessionEvent dropped = events.stream().filter(e -> e.kind().equals(SessionEvent.KIND_ARCHIVE_DROPPED))
                    .findFirst().orElseThrow();
            assertEquals("full", dropped.gameId());
            assertTrue(((Number) dropped.detail().get("samples")).longValue() > 0, dropped.toString());

            Files.delete(filler);
            Await.until(Duration.ofSeconds(30), "the archive writing again once space is back",
                    () -> fixture.relay.archiveStats().queued() == 0, fixture.relay::archiveStats);
            long written = fixture.relay.archiveStats().samplesWritten();
            assertTrue(written >= 100 + 300, "the buffer's worth was kept: " + fixture.relay.archiveStats());
            // A fresh connection for the seat: on a loaded machine the first may have timed out meanwhile.
            TestPeer again = fixture.peer();
            again.join(new JSONObject().put("game_id", "full").put("player_id", "0")
                    .put("seat_token", seat.getString("seat_token")));
            send(again, seq, 50);
            Await.until(Duration.ofSeconds(30), "everything sent after the recovery archived",
                    () -> fixture.relay.archiveStats().samplesWritten() == written + 50,
                    () -> fixture.relay.archiveStats() + " " + fixture.relay.stats());
            long samplesWritten = fixture.relay.archiveStats().samplesWritten();
            assertEquals(1050, samplesWritten + fixture.relay.archiveStats().droppedSamples(),
                    "every sample either archived or counted as dropped: " + fixture.relay.archiveStats());
            Await.until(Duration.ofSeconds(20), "the recovery announced",
                    () -> events.stream().anyMatch(e -> e.kind().equals(SessionEvent.KIND_ARCHIVE_DROPPED)
                            && String.valueOf(e.detail().get("reason")).contains("recovered")), events::toString);
            org.rollscope.netcode.archive.RemoteArchive remote = new org.rollscope.netcode.archive.RemoteArchive(
                    observer);
            assertEquals(samplesWritten, remote.sessions(null, "full").get(0).samples(), "the archive is readable");
        }
    }

    /** Sends {@code n} samples from {@code seq} on; returns the next sequence number. */
    private static long send(TestPeer peer, long seq, int n) {
        for (int i = 0; i < n; i++) {
            peer.emit("peer_telemetry", RelayObserverTest.sampleJson(seq++).put("t_ms", System.currentTimeMillis()));
        }
        return seq;
    }

    /** Writes until the file system refuses another byte. */
    private static void fill(Path filler) {
        byte[] chunk = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // what we wanted: no space left
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed (the test needs root to mount a small tmpfs): " + output);
        }
    }
}
