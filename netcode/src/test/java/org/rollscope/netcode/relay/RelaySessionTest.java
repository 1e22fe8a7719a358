package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining, MUG's assignment and start events, and the relay path between the two seats. */
class RelaySessionTest {
    @TempDir
    Path dataDir;
    RelayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RelayFixture(dataDir);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void twoPeersAreAssignedSeatsAndToldTheGameIsReadyWithMugFields() {
        TestPeer a = fixture.peer();
        TestPeer b = fixture.peer();
        a.join(new JSONObject().put("subject_id", "subj-A"));
        JSONObject assignedA = a.await("pyodide_player_assigned");
        assertEquals("0", assignedA.getString("player_id"));
        assertEquals(2, assignedA.getInt("num_players"));
        assertTrue(assignedA.has("game_seed"));
        String gameId = assignedA.getString("game_id");

        b.join(new JSONObject().put("subject_id", "subj-B")); // no game id: the open seat of a's game
        JSONObject assignedB = b.await("pyodide_player_assigned");
        assertEquals(gameId, assignedB.getString("game_id"));
        assertEquals("1", assignedB.getString("player_id"));
        assertEquals(assignedA.getLong("game_seed"), assignedB.getLong("game_seed"));

        for (TestPeer peer : List.of(a, b)) {
            JSONObject ready = peer.await("pyodide_game_ready");
            assertEquals(gameId, ready.getString("game_id"));
            assertEquals(List.of("0", "1"), ready.getJSONArray("players").toList());
            assertEquals("subj-A", ready.getJSONObject("player_subjects").getString("0"));
            assertEquals("subj-B", ready.getJSONObject("player_subjects").getString("1"));
        }

        TestPeer c = fixture.peer(); // a third peer without a game id gets a new game
        c.join(new JSONObject());
        assertNotEquals(gameId, c.await("pyodide_player_assigned").getString("game_id"));
    }

    @Test
    void namedGameIsCreatedAndRequestedPlayerIdsAreKept() {
        TestPeer a = fixture.peer();
        TestPeer b = fixture.peer();
        JSONObject ackA = a.join(new JSONObject().put("game_id", "lab-7").put("player_id", "left"));
        assertEquals("lab-7", ackA.getString("game_id"));
        assertEquals("left", ackA.getString("player_id"));
        JSONObject ackB = b.join(new JSONObject().put("game_id", "lab-7"));
        assertEquals("0", ackB.getString("player_id"));
        assertEquals(List.of("left", "0"), b.await("pyodide_game_ready").getJSONArray("players").toList());
    }

    @Test
    void actionsAreRelayedToTheOtherSeatBothWays() {
        TestPeer[] pair = fixture.pair("g1");
        pair[0].emit("pyodide_player_action", action("g1", "0", 3, 120));
        pair[1].emit("pyodide_player_action", action("g1", "1", 5, 121));
        JSONObject atB = pair[1].await("pyodide_other_player_action");
        assertEquals("0", atB.getString("player_id"));
        assertEquals(3, atB.getInt("action"));
        assertEquals(120, atB.getInt("frame_number"));
        assertEquals(1_700_000_000_000L, atB.getLong("timestamp"));
        assertEquals(2, atB.getInt("sync_epoch"));
        JSONObject atA = pair[0].await("pyodide_other_player_action");
        assertEquals("1", atA.getString("player_id"));
        assertEquals(5, atA.getInt("action"));
        assertEquals(121, atA.getInt("frame_number"));
        assertEquals(1, pair[0].received("pyodide_other_player_action").size(), "a peer never gets its own action");
        Await.until(TestPeer.WAIT, () -> fixture.relay.stats().actionsRelayed() == 2,
                () -> fixture.relay.stats().toString());
    }

    @Test
    void binaryP2pMessageCrossesTheRelayByteExactInBothDirections() {
        TestPeer[] pair = fixture.pair("g2");
        byte[] toB = new byte[256];
        for (int i = 0; i < toB.length; i++) {
            toB[i] = (byte) i; // every byte value, including 0x00 and 0xFF
        }
        byte[] toA = {(byte) 0x82, 0, 0, 0, 7, (byte) 0xFF, 0x10};
        pair[0].emit("rollscope_p2p_message", new JSONObject().put("game_id", "g2").put("data", toB));
        pair[1].emit("rollscope_p2p_message", new JSONObject().put("game_id", "g2").put("data", toA));
        JSONObject atB = pair[1].await("rollscope_p2p_message");
        assertArrayEquals(toB, (byte[]) atB.get("data"));
        assertEquals("0", atB.getString("from_player_id"));
        assertEquals("g2", atB.getString("game_id"));
        JSONObject atA = pair[0].await("rollscope_p2p_message");
        assertArrayEquals(toA, (byte[]) atA.get("data"));
        assertEquals("1", atA.getString("from_player_id"));
    }

    @Test
    void signalGoesToTheTargetSeatOnlyWithTheSenderNamed() {
        TestPeer[] pair = fixture.pair("g3");
        TestPeer bystander = fixture.peer();
        bystander.join(new JSONObject().put("game_id", "other"));
        JSONObject ack = pair[0].emitAck("webrtc_signal", new JSONObject().put("game_id", "g3")
                .put("target_player_id", "1").put("type", "offer")
                .put("payload", new JSONObject().put("host", "127.0.0.1").put("port", 40000)));
        assertTrue(ack.getBoolean("ok"), ack.toString());
        JSONObject signal = pair[1].await("webrtc_signal");
        assertEquals("offer", signal.getString("type"));
        assertEquals("0", signal.getString("from_player_id"));
        assertEquals("g3", signal.getString("game_id"));
        assertEquals(40000, signal.getJSONObject("payload").getInt("port"));
        // The answer comes back; the sender never receives its own offer, the bystander nothing at all.
        pair[1].emit("webrtc_signal", new JSONObject().put("game_id", "g3").put("target_player_id", "0")
                .put("type", "answer").put("payload", "sdp"));
        assertEquals("answer", pair[0].await("webrtc_signal").getString("type"));
        assertEquals(1, pair[0].received("webrtc_signal").size());
        assertEquals(0, bystander.received("webrtc_signal").size());
    }

    static JSONObject action(String gameId, String playerId, int action, int frame) {
        return new JSONObject().put("game_id", gameId).put("player_id", playerId).put("action", action)
                .put("frame_number", frame).put("timestamp", 1_700_000_000_000L).put("sync_epoch", 2);
    }
}
