package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets an error and a counter, and everyone else carries on. */
class RelayBadInputTest {
    @TempDir
    Path dataDir;
    RelayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RelayFixture(dataDir, b -> b.maxEventBytes(4096).eventsPerSecond(50).eventBurst(50));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void malformedOversizedAndForeignEventsAreAnsweredWithErrorsWhileAnotherSessionCarriesOn() {
        TestPeer[] healthy = fixture.pair("healthy");
        TestPeer[] noisy = fixture.pair("noisy");
        TestPeer loner = fixture.peer();

        expectError(noisy[0], "pyodide_player_action", "not json at all", "malformed");
        expectError(noisy[0], "pyodide_player_action",
                new JSONObject().put("game_id", "noisy").put("player_id", "0").put("action", 1), "malformed");
        expectError(noisy[0], "pyodide_player_action", new JSONObject().put("game_id", "noisy")
                .put("player_id", "0").put("action", 1).put("frame_number", "ten"), "malformed");
        expectError(noisy[0], "pyodide_player_action", RelaySessionTest.action("noisy", "1", 1, 5), "not_your_seat");
        expectError(noisy[0], "pyodide_player_action", RelaySessionTest.action("healthy", "0", 1, 5),
                "not_your_seat");
        expectError(noisy[0], "peer_telemetry", new JSONObject().put("seq", "x").put("t_ms", 1).put("state", "r"),
                "malformed");
        expectError(noisy[0], "peer_event", new JSONObject().put("kind", "created"), "malformed");
        expectError(noisy[0], "webrtc_signal", new JSONObject().put("target_player_id", "9").put("type", "offer"),
                "unknown_player");
        expectError(noisy[0], "rollscope_p2p_message", new JSONObject().put("data", "not binary"), "malformed");
        expectError(noisy[0], "no_such_event", new JSONObject(), "unknown_event");
        expectError(noisy[0], "pyodide_player_action", RelaySessionTest.action("noisy", "0", 1, 5)
                .put("pad", "x".repeat(5000)), "oversized");
        expectError(loner, "pyodide_player_action", RelaySessionTest.action("noisy", "0", 1, 5), "not_joined");
        expectError(loner, "join_game", new JSONObject().put("game_id", "noisy"), "game_full");
        expectError(loner, "join_game", new JSONObject().put("game_id", "../../etc"), "invalid_id");
        expectError(loner, "join_game", new JSONObject().put("game_id", "ok").put("player_id", "a/b"), "invalid_id");
        expectError(noisy[0], "join_game", new JSONObject(), "already_joined");

        // Through all that, the healthy session's relay path works, and the noisy one still does too.
        healthy[0].emit("pyodide_player_action", RelaySessionTest.action("healthy", "0", 4, 10));
        assertEquals(10, healthy[1].await("pyodide_other_player_action").getInt("frame_number"));
        noisy[1].emit("pyodide_player_action", RelaySessionTest.action("noisy", "1", 4, 11));
        assertEquals(11, noisy[0].await("pyodide_other_player_action").getInt("frame_number"));
        RelayStats stats = fixture.relay.stats();
        assertEquals(6, stats.rejected(RejectReason.MALFORMED), stats.toString());
        assertEquals(2, stats.rejected(RejectReason.NOT_YOUR_SEAT));
        assertEquals(1, stats.rejected(RejectReason.OVERSIZED));
        assertEquals(2, stats.rejected(RejectReason.INVALID_ID));
        assertEquals(1, stats.rejected(RejectReason.GAME_FULL));
        assertEquals(1, stats.rejected(RejectReason.UNKNOWN_EVENT));
        assertEquals(0, stats.rejected(RejectReason.INTERNAL), "no handler crashed");
        assertTrue(healthy[0].received("rollscope_error").isEmpty());
    }

    @Test
    void floodIsRateLimitedAndCountedWithoutStarvingOtherSessions() {
        TestPeer[] flooder = fixture.pair("flood");
        TestPeer[] calm = fixture.pair("calm");
        for (int i = 0; i < 400; i++) {
            flooder[0].emit("pyodide_player_action", RelaySessionTest.action("flood", "0", 1, i));
        }
        for (int frame = 0; frame < 20; frame++) {
            calm[0].emit("pyodide_player_action", RelaySessionTest.action("calm", "0", 1, frame));
        }
        JSONObject error = flooder[0].await("rollscope_error");
        assertEquals("rate_limited", error.getString("error"));
        Await.until(TestPeer.WAIT, () -> calm[1].received("pyodide_other_player_action").size() == 20,
                () -> calm[1].summary());
        // Every flooded action is either forwarded or counted as rate limited: none vanish.
        Await.until(TestPeer.WAIT, () -> flooder[1].received("pyodide_other_player_action").size()
                + fixture.relay.stats().rejected(RejectReason.RATE_LIMITED) == 400,
                () -> flooder[1].summary() + " " + fixture.relay.stats());
        int forwarded = flooder[1].received("pyodide_other_player_action").size();
        assertTrue(forwarded >= 49 && forwarded < 300, "about the burst got through, not the flood: " + forwarded);
        assertTrue(flooder[0].received("rollscope_error").size() < 5, "errors to a flooder are themselves limited");
    }

    private static void expectError(TestPeer peer, String event, Object payload, String code) {
        JSONObject ack = peer.emitAck(event, payload);
        assertFalse(ack.getBoolean("ok"), event + " should have been refused: " + ack);
        assertEquals(code, ack.getString("error"), event + ": " + ack);
        Await.until(TestPeer.WAIT, () -> peer.all("rollscope_error").stream()
                .anyMatch(e -> e.getString("error").equals(code) && e.getString("event").equals(event)),
                () -> peer.all("rollscope_error").toString());
    }
}
