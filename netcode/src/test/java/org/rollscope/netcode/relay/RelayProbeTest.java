package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.PlayerSummary;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionSummary;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The /probe namespace on a real relay, with real Socket.IO clients playing MUG page probes: the served script, the
 * key, seating by the page's own MUG seat, samples stamped mug-probe for observers, and commands routed to the probe
 * and acknowledged after it.
 */
class RelayProbeTest {
    static final String KEY = "probe-key-for-tests";
    static final String GAME = "3f2a9c1e-7b4d-4e0a-9c1f-2d3e4f5a6b7c"; // MUG's game ids are UUIDs

    @TempDir
    Path dataDir;
    RelayFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(boolean allowRestore) throws Exception {
        fixture = new RelayFixture(dataDir, b -> b.probeKey(KEY).probeRestoreResetsMugFallback(allowRestore)
                .commandTimeout(Duration.ofMillis(800)));
    }

    private TestPeer probe(String playerId, String subjectId) {
        Map<String, String> auth = new HashMap<>();
        auth.put(ProbeProtocol.AUTH_KEY, KEY);
        auth.put(ProbeProtocol.AUTH_GAME_ID, GAME);
        auth.put(ProbeProtocol.AUTH_PLAYER_ID, playerId);
        if (subjectId != null) {
            auth.put(ProbeProtocol.AUTH_SUBJECT_ID, subjectId);
        }
        TestPeer probe = fixture.track(TestPeer.connect(fixture.relay.url(), ProbeProtocol.NAMESPACE, auth, true));
        probe.await(ProbeProtocol.CONFIG_EVENT);
        return probe;
    }

    private ObserverClient observer(RecordingListener listener) throws Exception {
        ObserverClient client = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"));
        client.addListener(listener).connect().get(10, TimeUnit.SECONDS);
        return client;
    }

    /** What the probe sends for a MUG b46a1b0 page (its node tests check the mapping): nulls where MUG has nothing. */
    static JSONObject probeSample(long seq) {
        return new JSONObject().put("seq", seq).put("t_ms", System.currentTimeMillis()).put("state", "running")
                .put("episode", 0).put("frame", 412).put("confirmed_frame", 405).put("verified_frame", 400)
                .put("remote_frame", 409).put("frame_advantage", 2.6).put("rollbacks", 9).put("rollback_frames", 24)
                .put("last_rollback_depth", 3).put("max_rollback_depth", 4).put("predicted_frames", 6)
                .put("stalls", JSONObject.NULL).put("rtt_ms", 33.0).put("relay_rtt_ms", 21.0).put("gap_rate", 0.1)
                .put("buffered_amount", 96).put("transport", "p2p").put("transport_reason", "ok")
                .put("inputs_sent_p2p", 410).put("inputs_sent_relay", 0).put("inputs_recv_p2p", 380)
                .put("inputs_recv_relay", 0).put("desyncs", 0).put("last_desync_frame", JSONObject.NULL)
                .put("fps", 19.5).put("step_ms", JSONObject.NULL).put("link", JSONObject.NULL)
                .put("ice_path", "direct").put("focused", true);
    }

    @Test
    void theRelayServesTheProbeScriptAndASnippetThatLoadsItWithTheKey() throws Exception {
        start(false);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(fixture.relay.probeScriptUrl())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/javascript"));
        try (InputStream in = ProbeScript.class.getResourceAsStream("probe/rollscope-probe.js")) {
            assertEquals(new String(in.readAllBytes()), new String(response.body()));
        }
        String snippet = fixture.relay.probeSnippet();
        assertTrue(snippet.startsWith("<script>") && snippet.endsWith("</script>"), snippet);
        assertTrue(snippet.contains("\"key\":\"" + KEY + "\""), snippet);
        assertTrue(snippet.contains("\"relay\":\"" + fixture.relay.url() + "\""), snippet);
        assertTrue(snippet.contains(fixture.relay.probeScriptUrl().replace("/", "\\/"))
                || snippet.contains(fixture.relay.probeScriptUrl()), snippet);
        assertEquals(1, snippet.split("</script>", -1).length - 1, "exactly one closing tag: " + snippet);
    }

    @Test
    void aPublicUrlBehindTlsGoesIntoTheSnippet() throws Exception {
        fixture = new RelayFixture(dataDir, b -> b.probeKey(KEY).publicUrl("https://lab.example.org/rollscope/"));
        String snippet = fixture.relay.probeSnippet();
        assertTrue(snippet.contains("\"relay\":\"https://lab.example.org/rollscope\""), snippet);
        assertEquals("https://lab.example.org/rollscope/rollscope/probe.js", fixture.relay.probeScriptUrl());
    }

    @Test
    void aProbeWithoutTheKeyOrASeatIsRefusedAtConnect() throws Exception {
        start(false);
        TestPeer none = fixture.track(TestPeer.connect(fixture.relay.url(), ProbeProtocol.NAMESPACE, null, false));
        assertEquals(ProbeProtocol.REFUSED_MISSING_KEY,
                ((JSONObject) none.awaitNth("connect_error", 1)).getString("message"));
        TestPeer observerToken = fixture.track(TestPeer.connect(fixture.relay.url(), ProbeProtocol.NAMESPACE,
                Map.of(ProbeProtocol.AUTH_KEY, "test-token", ProbeProtocol.AUTH_GAME_ID, GAME,
                        ProbeProtocol.AUTH_PLAYER_ID, "0"), false));
        assertEquals(ProbeProtocol.REFUSED_WRONG_KEY,
                ((JSONObject) observerToken.awaitNth("connect_error", 1)).getString("message"),
                "the observer token is not a probe key");
        TestPeer noSeat = fixture.track(TestPeer.connect(fixture.relay.url(), ProbeProtocol.NAMESPACE,
                Map.of(ProbeProtocol.AUTH_KEY, KEY), false));
        assertEquals("missing game_id", ((JSONObject) noSeat.awaitNth("connect_error", 1)).getString("message"));
        TestPeer badId = fixture.track(TestPeer.connect(fixture.relay.url(), ProbeProtocol.NAMESPACE,
                Map.of(ProbeProtocol.AUTH_KEY, KEY, ProbeProtocol.AUTH_GAME_ID, "../etc",
                        ProbeProtocol.AUTH_PLAYER_ID, "0"), false));
        assertTrue(((JSONObject) badId.awaitNth("connect_error", 1)).getString("message").startsWith("game_id must"));
        TestPeer polling = fixture.track(TestPeer.connect(fixture.relay.url(), ProbeProtocol.NAMESPACE,
                Map.of(ProbeProtocol.AUTH_KEY, "guess"), false, "polling"));
        assertEquals(ProbeProtocol.REFUSED_WRONG_KEY,
                ((JSONObject) polling.awaitNth("connect_error", 1)).getString("message"));
        assertEquals(0, fixture.relay.stats().sessions(), "no refused probe created a session");
    }

    @Test
    void probeSessionsAppearLikeAnySessionWithMugIdsSubjectsAndSourceMugProbe() throws Exception {
        start(false);
        RecordingListener seen = new RecordingListener();
        observer(seen);
        TestPeer seat0 = probe("0", "subject-a");
        TestPeer seat1 = probe("1", "sha256:" + "ab".repeat(32));
        // A page cannot report for another seat: the ids in the payload are overwritten by the connection's.
        assertTrue(seat1.emitAck("peer_telemetry", probeSample(1).put("player_id", "0").put("game_id", "x"))
                .getBoolean("ok"));
        seat0.emitAck("peer_telemetry", probeSample(1));

        Await.until(TestPeer.WAIT, () -> seen.samples.size() >= 2, seen::toString);
        PeerSample fromSeat1 = seen.samples.stream().filter(s -> s.playerId().equals("1")).findFirst().orElseThrow();
        assertEquals(GAME, fromSeat1.gameId());
        assertEquals(PeerSample.SOURCE_MUG_PROBE, fromSeat1.source());
        assertEquals("sha256:" + "ab".repeat(32), fromSeat1.subjectId());
        assertEquals("direct", fromSeat1.icePath());
        assertEquals(Boolean.TRUE, fromSeat1.focused());
        assertEquals(412, fromSeat1.frame());
        assertEquals(List.of("stalls"), fromSeat1.unknownFields(), "a null primitive field is listed as unknown");
        assertFalse(fromSeat1.reports("stalls"));
        assertTrue(fromSeat1.reports("rollbacks"));
        assertEquals(List.of("restore_p2p"), fromSeat1.unsupportedCommands(), "MUG latches its fallback");

        SessionSummary session = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"))
                .addListener(new RecordingListener()).connect().get(10, TimeUnit.SECONDS).sessions().stream()
                .filter(s -> s.gameId().equals(GAME)).findFirst().orElseThrow();
        assertEquals(List.of("0", "1"), session.players().stream().map(PlayerSummary::playerId).toList());
        assertEquals("subject-a", session.players().get(0).subjectId());
        assertEquals(PeerSample.SOURCE_MUG_PROBE, session.players().get(0).sample().source());
        assertTrue(session.ready());
        assertTrue(seen.events.stream().anyMatch(e -> e.kind().equals(SessionEvent.KIND_JOINED)
                && PeerSample.SOURCE_MUG_PROBE.equals(e.detail().get("source"))), seen.events.toString());
    }

    @Test
    void anOlderMugPageLeavesWhatItLacksUnknown() throws Exception {
        start(false);
        RecordingListener seen = new RecordingListener();
        observer(seen);
        TestPeer seat0 = probe("0", null);
        JSONObject sample = probeSample(1);
        for (String field : new String[] {"verified_frame", "rollbacks", "rollback_frames", "predicted_frames",
                "inputs_recv_p2p", "desyncs"}) {
            sample.put(field, JSONObject.NULL);
        }
        sample.remove("inputs_recv_relay");
        seat0.emitAck("peer_telemetry", sample);
        Await.until(TestPeer.WAIT, () -> !seen.samples.isEmpty(), seen::toString);
        assertEquals(List.of("verified_frame", "rollbacks", "rollback_frames", "predicted_frames", "stalls",
                "inputs_recv_p2p", "inputs_recv_relay", "desyncs"), seen.samples.get(0).unknownFields());
        assertNull(seen.samples.get(0).subjectId());
    }

    @Test
    void commandsReachTheProbeOfThatSeatOnlyAndAreAcknowledgedAfterIt() throws Exception {
        start(false);
        RecordingListener seen = new RecordingListener();
        ObserverClient client = observer(seen);
        TestPeer seat0 = probe("0", null);
        TestPeer seat1 = probe("1", null);
        seat1.answerCommandsWith(command -> null); // hold the ack: the observer must still be waiting
        var pending = client.forceFallback(GAME, "1");
        JSONObject command = seat1.await("rollscope_command");
        assertEquals("force_fallback", command.getString("command"));
        assertEquals(GAME, command.getString("game_id"));
        assertEquals("1", command.getString("player_id"));
        assertTrue(seat0.received("rollscope_command").isEmpty(), "the other page is not commanded");
        CommandResult timedOut = pending.get(5, TimeUnit.SECONDS);
        assertFalse(timedOut.ok(), "no probe ack, no success");
        assertEquals("timeout", timedOut.error());

        seat1.answerCommandsWith(c -> new JSONObject().put("ok", true));
        assertTrue(client.forceFallback(GAME, "1").get(5, TimeUnit.SECONDS).ok());
        assertTrue(client.setLink(GAME, null, new LinkProfile(80, 20, 0.05, 0, 0, 0)).get(5, TimeUnit.SECONDS).ok());
        assertEquals(80, seat0.all("rollscope_command").get(0).getJSONObject("args").getDouble("latency_ms"));
    }

    @Test
    void restoreIsRefusedByTheProbeWithMugsReasonUnlessTheRelayOptedIn() throws Exception {
        start(false);
        ObserverClient client = observer(new RecordingListener());
        TestPeer seat0 = probe("0", null);
        assertFalse(seat0.await(ProbeProtocol.CONFIG_EVENT).getBoolean("allow_restore"));
        String reason = "MUG cannot return to P2P: its fallback latches for the rest of the game";
        seat0.answerCommandsWith(c -> new JSONObject().put("ok", false).put("error", "not_supported")
                .put("message", reason));
        CommandResult refused = client.restoreP2p(GAME, "0").get(5, TimeUnit.SECONDS);
        assertFalse(refused.ok());
        assertEquals("peer_refused", refused.error());
        assertTrue(refused.message().contains(reason), refused.message());
    }

    @Test
    void theOptInReachesTheProbeAndLiftsTheRestriction() throws Exception {
        start(true);
        RecordingListener seen = new RecordingListener();
        observer(seen);
        TestPeer seat0 = probe("0", null);
        assertTrue(seat0.await(ProbeProtocol.CONFIG_EVENT).getBoolean("allow_restore"));
        seat0.emitAck("peer_telemetry", probeSample(1));
        Await.until(TestPeer.WAIT, () -> !seen.samples.isEmpty(), seen::toString);
        assertEquals(List.of(), seen.samples.get(0).unsupportedCommands());
    }

    @Test
    void aProbeMaySendItsReportsOnly() throws Exception {
        start(false);
        TestPeer seat0 = probe("0", null);
        JSONObject action = seat0.emitAck("pyodide_player_action", new JSONObject().put("game_id", GAME)
                .put("player_id", "0").put("action", 1).put("frame_number", 5));
        assertEquals("unknown_event", action.getString("error"));
        assertEquals("unknown_event", seat0.emitAck("force_fallback", new JSONObject().put("game_id", GAME))
                .getString("error"), "a page cannot command");
        JSONObject event = seat0.emitAck("peer_event", new JSONObject().put("kind", "fallback")
                .put("detail", new JSONObject().put("reason", "forced")));
        assertTrue(event.getBoolean("ok"), event.toString());
    }
}
