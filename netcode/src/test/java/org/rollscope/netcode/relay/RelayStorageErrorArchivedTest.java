package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.archive.RemoteArchive;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * A {@code storage_error} (the journal could not store an event: the relay's disk is full) reaches the archive as
 * every other event does, so a session's archived timeline says when its {@code events.jsonl} has a gap. Here the
 * data directory is a real 512 KiB tmpfs filled to the last page while the archive lives on another disk (a SQLite
 * file elsewhere; with PostgreSQL it is another machine): the journal fails, the archive keeps the error.
 */
class RelayStorageErrorArchivedTest {
    @TempDir
    Path temp;
    Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aStorageErrorOfTheJournalIsArchived() throws Exception {
        mount = Files.createDirectories(temp.resolve("storage-error-tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=512k", "storage-error-tmpfs", mount.toString());
        ArchiveConfig archive = ArchiveConfig.EMBEDDED.withJdbcUrl("jdbc:sqlite:" + temp.resolve("archive.db"))
                .withBuffer(10_000, Duration.ofMillis(50), Duration.ofMinutes(10));
        try (RelayFixture fixture = new RelayFixture(mount.resolve("data"), b -> b.archive(archive))) {
            RecordingListener seen = new RecordingListener();
            ObserverClient observer = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"));
            observer.addListener(seen).connect().get(10, TimeUnit.SECONDS);
            TestPeer[] pair = fixture.pair("disk");
            assertTrue(desync(pair[0], 10).getBoolean("ok"), "stored while there is space");

            FileStore store = Files.getFileStore(mount);
            Files.write(mount.resolve("filler"), new byte[(int) store.getUsableSpace()]);
            assertEquals(0, store.getUsableSpace(), "the disk is full");
            JSONObject refused = desync(pair[0], 20_000); // cannot fit the journal's last page
            assertEquals("storage_failed", refused.optString("error"), refused.toString());
            Await.until(TestPeer.WAIT, () -> seen.events.stream().anyMatch(
                    e -> e.kind().equals(SessionEvent.KIND_STORAGE_ERROR)), seen::toString);

            RemoteArchive remote = new RemoteArchive(observer);
            org.rollscope.netcode.testing.Await.until(Duration.ofSeconds(20), "the storage error archived",
                    () -> storageErrors(remote).size() == 1, () -> fixture.relay.archiveStats());
            SessionEvent archived = storageErrors(remote).get(0);
            assertEquals("disk", archived.gameId());
            assertEquals("failed", archived.detail().get("reason"));
            assertEquals("desync", archived.detail().get("kind"), "names the kind of event the journal lost");
            assertEquals("disk/events.jsonl", archived.detail().get("file"));
            assertTrue(String.valueOf(archived.detail().get("error")).contains("No space left"), archived.toString());
        }
    }

    private static List<SessionEvent> storageErrors(RemoteArchive remote) {
        try {
            return remote.timeline("disk", null, null).page(null).events().stream()
                    .filter(e -> e.kind().equals(SessionEvent.KIND_STORAGE_ERROR)).toList();
        } catch (java.io.IOException e) {
            return List.of(); // not archived yet: the session's first rows are still in the writer's queue
        }
    }

    private static JSONObject desync(TestPeer peer, int padding) {
        return peer.emitAck("peer_event", new JSONObject().put("kind", "desync")
                .put("detail", new JSONObject().put("pad", "p".repeat(padding))));
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (this test needs root, as CI has): " + out);
        }
    }
}
