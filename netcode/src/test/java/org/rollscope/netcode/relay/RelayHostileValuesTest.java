package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionSummary;

/**
 * Issue 12 finding 1: hostile values in any peer event (null where a number belongs, 1,500-deep nesting, objects
 * where scalars belong, huge strings) are refused or stored harmlessly; no handler fails, and observers that
 * connect afterwards, after the sender left, still get a full {@code sessions_snapshot}.
 */
class RelayHostileValuesTest {
    @org.junit.jupiter.api.io.TempDir
    Path dataDir;
    RelayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RelayFixture(dataDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    static Stream<Arguments> hostileEvents() {
        return Stream.of(
                Arguments.of("pyodide_player_action", List.of(
                        action().put("frame_number", JSONObject.NULL), action().put("frame_number", new JSONObject()),
                        action().put("action", deep(1500)), action().put("timestamp", deep(1500)),
                        action().put("action", huge()), action().put("sync_epoch", mapLike()))),
                Arguments.of("webrtc_signal", List.of(
                        signal().put("payload", deep(1500)), signal().put("payload", mapLike()),
                        signal().put("type", new JSONObject()), signal().put("target_player_id", huge()))),
                Arguments.of("rollscope_p2p_message", List.of(
                        new JSONObject().put("data", deep(1500)), new JSONObject().put("data", JSONObject.NULL),
                        new JSONObject().put("data", huge()))),
                Arguments.of("peer_telemetry", List.of(
                        RelayObserverTest.sampleJson(1).put("link", deep(1500)),
                        RelayObserverTest.sampleJson(2).put("rtt_ms", new JSONObject()),
                        RelayObserverTest.sampleJson(3).put("seq", JSONObject.NULL),
                        RelayObserverTest.sampleJson(4).put("extra", mapLike()),
                        RelayObserverTest.sampleJson(5).put("transport_reason", huge()))),
                Arguments.of("p2p_health_report", List.of(
                        new JSONObject().put("latency_ms", deep(1500)), mapLike(), nested(20),
                        new JSONObject().put("status", huge()), new JSONObject().put("status", "€".repeat(30_000)))),
                Arguments.of("p2p_connection_lost", List.of(
                        new JSONObject().put("frame_number", JSONObject.NULL),
                        new JSONObject().put("frame_number", new JSONObject().put("x", 1)),
                        new JSONObject().put("timestamp", deep(1500)), new JSONObject().put("frame_number", "ten"),
                        new JSONObject().put("timestamp", JSONObject.NULL).put("frame_number", 5))),
                Arguments.of("peer_event", List.of(
                        new JSONObject().put("kind", "desync").put("detail", deep(1500)),
                        new JSONObject().put("kind", "fallback").put("detail", mapLike()),
                        new JSONObject().put("kind", "desync").put("detail", nested(20)),
                        new JSONObject().put("kind", deep(1500)), new JSONObject().put("kind", huge()),
                        new JSONObject().put("kind", "p2p_up").put("detail", huge()))),
                Arguments.of("emit_episode_data", List.of(
                        new JSONObject().put("episode", JSONObject.NULL).put("data", "a\n"),
                        new JSONObject().put("episode", new JSONObject()).put("data", "a\n"),
                        new JSONObject().put("episode", 0).put("data", deep(1500)),
                        new JSONObject().put("episode", 0).put("data", "a\n").put("format", huge()))),
                Arguments.of("join_game", List.of(
                        new JSONObject().put("game_id", deep(1500)), new JSONObject().put("game_id", huge()),
                        new JSONObject().put("player_id", JSONObject.NULL).put("subject_id", new JSONObject()))),
                Arguments.of("no_such_event_" + "x".repeat(10_000), List.of(new JSONObject())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileEvents")
    void hostileValuesNeverLockObserversOut(String event, List<Object> payloads) throws Exception {
        TestPeer[] calm = fixture.pair("calm");
        // Written by hand: the Socket.IO client library itself overflows its stack encoding 1,500-deep values.
        RawSocketIo hostile = fixture.track(RawSocketIo.connect(fixture.relay.url()));
        assertTrue(hostile.emitAck("join_game", "{\"game_id\":\"hostile\"}").getBoolean("ok"));
        TestPeer partner = fixture.peer();
        partner.join(new JSONObject().put("game_id", "hostile"));
        for (Object payload : payloads) {
            JSONObject ack = hostile.emitAck(event, payload.toString());
            assertTrue(ack.toString().length() < 1_000, "a refusal never echoes a huge value: " + ack.length());
        }
        hostile.close();
        partner.close();

        RelayStats stats = fixture.relay.stats();
        assertEquals(0, stats.rejected(RejectReason.INTERNAL), event + " made a handler fail: " + stats);
        RecordingListener seen = new RecordingListener();
        ObserverClient late = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"));
        late.addListener(seen).connect().get(10, TimeUnit.SECONDS);
        Await.until(TestPeer.WAIT, () -> !seen.snapshots.isEmpty(), seen::toString);
        List<String> games = seen.snapshots.get(0).sessions().stream().map(SessionSummary::gameId).toList();
        assertTrue(games.containsAll(List.of("calm", "hostile")), "snapshot after " + event + ": " + games);

        TestPeer raw = fixture.track(TestPeer.connect(fixture.relay.url(), ObserverProtocol.NAMESPACE,
                Map.of("token", "test-token"), true));
        raw.await(ObserverProtocol.SESSIONS_SNAPSHOT);
        assertTrue(raw.emitAck(ObserverProtocol.REQUEST_SNAPSHOT, new JSONObject()).getBoolean("ok"));
        calm[0].emit("pyodide_player_action", RelaySessionTest.action("calm", "0", 2, 9));
        assertEquals(9, calm[1].await("pyodide_other_player_action").getInt("frame_number"));
    }

    private static JSONObject action() {
        return RelaySessionTest.action("hostile", "0", 1, 5);
    }

    private static JSONObject signal() {
        return new JSONObject().put("target_player_id", "1").put("type", "offer").put("payload", "x");
    }

    /** Nesting as raw text: org.json writes a JSONString verbatim (its own writer overflows the stack on it). */
    static Object deep(int depth) {
        String text = "[".repeat(depth) + "]".repeat(depth);
        return (org.json.JSONString) () -> text;
    }

    /** Nested objects within the depth limit, with nulls inside: accepted and kept. */
    static JSONObject nested(int depth) {
        JSONObject o = new JSONObject().put("leaf", JSONObject.NULL);
        for (int i = 0; i < depth; i++) {
            o = new JSONObject().put("level" + i, o).put("list", new JSONArray().put(JSONObject.NULL));
        }
        return o;
    }

    /** What org.json turned maps into before (issue 12): a value with nulls and nested objects. */
    static JSONObject mapLike() {
        return new JSONObject().put("mapType", "java.util.HashMap").put("null", JSONObject.NULL)
                .put("inner", new JSONObject().put("a", JSONObject.NULL).put("b", new JSONArray().put(1.5)));
    }

    static String huge() {
        return "x".repeat(200_000);
    }
}
