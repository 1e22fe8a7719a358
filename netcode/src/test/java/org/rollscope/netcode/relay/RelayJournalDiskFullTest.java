package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * Issue 12 finding 5 on a real full disk: the relay's data dir is a 512 KiB tmpfs mounted by the test (CI runs as
 * root). A record that does not fit is cut back whole, its sender is refused {@code storage_failed}, observers get
 * {@code storage_error}, and every acknowledged event is on disk; a cut line left by a crash is repaired at start.
 */
class RelayJournalDiskFullTest {
    @TempDir
    Path temp;
    Path mount;

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    @Test
    void aFullDiskCutsNoRecordAndLosesNoAcknowledgedEvent() throws Exception {
        mount = Files.createDirectories(temp.resolve("harden-tmpfs"));
        run("mount", "-t", "tmpfs", "-o", "size=512k", "harden-tmpfs", mount.toString());
        Path data = mount.resolve("data");
        try (RelayFixture fixture = new RelayFixture(data)) {
            RecordingListener seen = new RecordingListener();
            ObserverClient observer = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"));
            observer.addListener(seen).connect().get(10, TimeUnit.SECONDS);
            TestPeer[] pair = fixture.pair("disk");
            List<String> acknowledged = new ArrayList<>();
            assertTrue(event(pair[0], "before", 10).getBoolean("ok"));
            acknowledged.add("before");

            FileStore store = Files.getFileStore(mount);
            Path filler = mount.resolve("filler");
            Files.write(filler, new byte[(int) store.getUsableSpace()]); // every free page; the journal's tail page
            assertEquals(0, store.getUsableSpace(), "the disk is full");

            int refused = 0;
            for (int i = 0; i < 6; i++) { // big records cannot fit the tail page; small ones may
                String label = "during-" + i;
                JSONObject ack = event(pair[0], label, i % 2 == 0 ? 6000 : 20);
                if (ack.optBoolean("ok")) {
                    acknowledged.add(label);
                } else {
                    assertEquals("storage_failed", ack.getString("error"), ack.toString());
                    refused++;
                }
            }
            assertTrue(refused >= 3, "every record that did not fit was refused, not half-written: " + refused);
            Await.until(TestPeer.WAIT, () -> seen.events.stream().anyMatch(
                    e -> e.kind().equals(SessionEvent.KIND_STORAGE_ERROR)), seen::toString);
            assertWholeLines(data.resolve("disk/events.jsonl"), acknowledged);

            Files.delete(filler);
            assertTrue(event(pair[0], "after", 6000).getBoolean("ok"), "space again: stored again");
            acknowledged.add("after");
            assertWholeLines(data.resolve("disk/events.jsonl"), acknowledged);
        }
    }

    @Test
    void aCutLineLeftByACrashIsRemovedBeforeTheNextRecord() throws Exception {
        Path data = temp.resolve("data");
        String token;
        int port;
        try (RelayFixture first = new RelayFixture(data)) {
            TestPeer a = first.peer();
            token = a.join(new JSONObject().put("game_id", "cut").put("player_id", "0")).getString("seat_token");
            first.peer().join(new JSONObject().put("game_id", "cut").put("player_id", "1"));
            a.await("pyodide_game_ready");
            port = first.relay.port();
        }
        Path journal = data.resolve("cut/events.jsonl");
        Files.writeString(journal, "{\"game_id\":\"cut\",\"player_id\":\"0\",\"t_ms\":12,\"ki",
                java.nio.file.StandardOpenOption.APPEND); // what a crash mid-append leaves
        try (RelayFixture second = new RelayFixture(data, b -> b.port(port))) {
            TestPeer back = second.peer();
            back.join(new JSONObject().put("game_id", "cut").put("player_id", "0").put("seat_token", token));
            assertTrue(event(back, "after-crash", 10).getBoolean("ok"));
            List<String> lines = Files.readAllLines(journal);
            for (String line : lines) {
                new JSONObject(line); // throws on a glued or cut line
            }
            assertTrue(lines.get(lines.size() - 1).contains("after-crash"), lines.toString());
        }
    }

    private static JSONObject event(TestPeer peer, String label, int padding) {
        return peer.emitAck("peer_event", new JSONObject().put("kind", "desync")
                .put("detail", new JSONObject().put("label", label).put("pad", "p".repeat(padding))));
    }

    /** Every line is one whole JSON object, and every acknowledged event is among them. */
    private static void assertWholeLines(Path journal, List<String> acknowledged) throws IOException {
        String text = Files.readString(journal);
        assertTrue(text.endsWith("\n"), "no cut record at the end");
        List<String> labels = new ArrayList<>();
        for (String line : text.split("\n")) {
            JSONObject detail = new JSONObject(line).getJSONObject("detail");
            if (detail.has("label")) {
                labels.add(detail.getString("label"));
            }
        }
        assertEquals(acknowledged, labels.stream().filter(acknowledged::contains).toList());
        assertFalse(labels.stream().anyMatch(l -> !acknowledged.contains(l)), "nothing refused was stored: " + labels);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (this test needs root, as CI has): " + out);
        }
    }
}
