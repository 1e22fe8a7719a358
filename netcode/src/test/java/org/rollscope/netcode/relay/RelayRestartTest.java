package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.SessionEvent;

/** Seats survive a peer's socket restart and a relay restart; observers reconnect and get a fresh snapshot. */
class RelayRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void peerReconnectingWithItsIdsRetakesItsSeatAndNobodyElseCan() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir)) {
            TestPeer a = fixture.peer();
            TestPeer b = fixture.peer();
            String token = a.join(new JSONObject().put("game_id", "keep").put("player_id", "0")
                    .put("subject_id", "S0")).getString("seat_token");
            b.join(new JSONObject().put("game_id", "keep").put("player_id", "1"));
            a.await("pyodide_game_ready");
            long seed = a.await("pyodide_player_assigned").getLong("game_seed");
            a.close();

            TestPeer stranger = fixture.peer();
            JSONObject refused = stranger.emitAck("join_game", new JSONObject().put("game_id", "keep"));
            assertEquals("game_full", refused.getString("error"), "a left seat stays reserved for its player");
            JSONObject named = stranger.emitAck("join_game", new JSONObject().put("game_id", "keep")
                    .put("player_id", "0"));
            assertEquals("seat_token_required", named.getString("error"), "naming the seat is not enough");
            JSONObject guessed = stranger.emitAck("join_game", new JSONObject().put("game_id", "keep")
                    .put("player_id", "0").put("seat_token", "0".repeat(32)));
            assertEquals("wrong_seat_token", guessed.getString("error"));

            TestPeer again = fixture.peer();
            JSONObject ack = again.join(new JSONObject().put("game_id", "keep").put("player_id", "0")
                    .put("seat_token", token));
            assertFalse(ack.has("seat_token"), "a re-take gets no new token");
            assertEquals("0", ack.getString("player_id"));
            assertEquals(seed, again.await("pyodide_player_assigned").getLong("game_seed"), "same game, same seed");
            assertEquals("S0", again.await("pyodide_game_ready").getJSONObject("player_subjects").getString("0"));
            assertEquals(1, b.received("pyodide_game_ready").size(), "the peer that stayed is not restarted");

            again.emit("pyodide_player_action", RelaySessionTest.action("keep", "0", 2, 50));
            assertEquals(50, b.await("pyodide_other_player_action").getInt("frame_number"));
        }
    }

    @Test
    void rejoinWhileTheOldSocketLooksAliveTakesTheSeatOver() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir)) {
            TestPeer old = fixture.peer();
            TestPeer b = fixture.peer();
            String token = old.join(new JSONObject().put("game_id", "swap").put("player_id", "0"))
                    .getString("seat_token");
            b.join(new JSONObject().put("game_id", "swap").put("player_id", "1"));
            TestPeer thief = fixture.peer();
            assertEquals("seat_token_required", thief.emitAck("join_game", new JSONObject().put("game_id", "swap")
                    .put("player_id", "0")).getString("error"), "nobody takes a live seat over without its token");
            assertTrue(old.received("rollscope_error").isEmpty(), "the rightful peer was not disturbed");
            TestPeer fresh = fixture.peer(); // the same peer after its socket restarted
            assertEquals("0", fresh.join(new JSONObject().put("game_id", "swap").put("player_id", "0")
                    .put("seat_token", token)).getString("player_id"));
            assertEquals("replaced", old.await("rollscope_error").getString("error"));
            Await.until(TestPeer.WAIT, () -> !old.socket.connected(), old::summary);
            b.emit("pyodide_player_action", RelaySessionTest.action("swap", "1", 1, 9));
            assertEquals(9, fresh.await("pyodide_other_player_action").getInt("frame_number"));
            assertTrue(old.received("pyodide_other_player_action").isEmpty());
            List<String> kinds = Files.readAllLines(dataDir.resolve("swap/events.jsonl")).stream()
                    .map(line -> new JSONObject(line).getString("kind")).toList();
            assertEquals(List.of("created", "joined", "joined", "left", "joined"), kinds);
        }
    }

    @Test
    void relayRestartedOnTheSamePortTakesPeersAndObserversBack() throws Exception {
        RelayFixture first = new RelayFixture(dataDir);
        int port = first.relay.port();
        RecordingListener seen = new RecordingListener();
        ObserverClient observer = new ObserverClient(first.relay.url(), "test-token");
        observer.addListener(seen).connect().get(10, TimeUnit.SECONDS);
        TestPeer a = first.peer();
        a.join(new JSONObject().put("game_id", "phoenix").put("player_id", "0"));
        Await.until(TestPeer.WAIT, () -> seen.hasEvent("phoenix", SessionEvent.KIND_JOINED), seen::toString);
        first.close();
        Await.until(TestPeer.WAIT, () -> observer.state() == ConnectionState.RECONNECTING, seen::toString);

        try (RelayFixture second = new RelayFixture(dataDir, b -> b.port(port))) {
            // The observer's own back-off brings it back, and the relay greets it with a fresh snapshot.
            Await.until(TestPeer.WAIT, () -> observer.state() == ConnectionState.CONNECTED
                    && seen.snapshots.size() >= 2, seen::toString);
            TestPeer back = second.peer();
            TestPeer other = second.peer();
            JSONObject ack = back.join(new JSONObject().put("game_id", "phoenix").put("player_id", "0"));
            assertEquals("0", ack.getString("player_id"), "the peer gets its seat back on the new relay");
            other.join(new JSONObject().put("game_id", "phoenix"));
            assertEquals("phoenix", other.await("pyodide_game_ready").getString("game_id"));
            Await.until(TestPeer.WAIT, () -> seen.events.stream().filter(e -> e.gameId().equals("phoenix")
                    && e.kind().equals(SessionEvent.KIND_JOINED)).count() == 3, seen::toString);
            assertTrue(observer.requestSnapshot().get(5, TimeUnit.SECONDS).ok());
            assertEquals(2, observer.lastSnapshot().sessions().get(0).players().size());
        } finally {
            observer.close();
        }
    }
}
