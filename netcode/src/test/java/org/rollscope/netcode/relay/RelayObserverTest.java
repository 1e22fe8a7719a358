package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverConnectException;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.PlayerSummary;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionSummary;
import org.rollscope.netcode.transport.LinkProfile;

/** The /observer namespace: token, snapshots, telemetry fan-out, session events and commands. */
class RelayObserverTest {
    @TempDir
    Path dataDir;
    RelayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RelayFixture(dataDir, b -> b.commandTimeout(Duration.ofMillis(400)));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void telemetryIsStampedWithTheSendersSeatAndFannedOutToObservers() throws Exception {
        RecordingListener seen = new RecordingListener();
        observer(seen);
        TestPeer[] pair = fixture.pair("tele");
        JSONObject claimed = sampleJson(7).put("game_id", "someone-else").put("player_id", "1");
        pair[0].emitAck("peer_telemetry", claimed);

        Await.until(TestPeer.WAIT, () -> !seen.samples.isEmpty(), seen::toString);
        PeerSample sample = seen.samples.get(0);
        assertEquals("tele", sample.gameId(), "the relay stamps the sender's game");
        assertEquals("0", sample.playerId(), "a peer cannot report for another seat");
        assertEquals(7, sample.seq());
        assertEquals(42.5, sample.rttMs());
        assertEquals(new LinkProfile(80, 20, 0.1, 0, 0, 0), sample.link());

        ObserverClient second = observer(new RecordingListener());
        PlayerSummary seat0 = second.lastSnapshot().sessions().stream().filter(s -> s.gameId().equals("tele"))
                .findFirst().orElseThrow().players().get(0);
        assertEquals(7, seat0.sample().seq(), "a new observer's snapshot carries the latest sample");
        assertTrue(seat0.connected());
    }

    @Test
    void wrongTokenIsRefusedAtConnectWithTheReason() throws Exception {
        ObserverClient client = fixture.track(new ObserverClient(fixture.relay.url(), "not-the-token"));
        ObserverConnectException refused = connectFailure(client);
        assertEquals(ObserverConnectException.Reason.REFUSED, refused.reason());
        assertTrue(refused.getMessage().contains(ObserverProtocol.REFUSED_WRONG_TOKEN), refused.getMessage());
        assertEquals(ConnectionState.REFUSED, client.state());
        assertNull(client.lastSnapshot(), "a refused observer is never sent a snapshot");
        assertEquals(1, fixture.relay.stats().rejected(RejectReason.WRONG_TOKEN));
        assertEquals(0, fixture.relay.stats().observersConnected());
    }

    @Test
    void missingTokenIsRefusedAtConnectWithTheReason() throws Exception {
        TestPeer raw = fixture.track(TestPeer.connect(fixture.relay.url(), ObserverProtocol.NAMESPACE, null, false));
        JSONObject error = (JSONObject) raw.awaitNth("connect_error", 1);
        assertEquals(ObserverProtocol.REFUSED_MISSING_TOKEN, error.getString("message"));
        assertTrue(raw.received("sessions_snapshot").isEmpty());
        assertEquals(1, fixture.relay.stats().rejected(RejectReason.MISSING_TOKEN));
    }

    @Test
    void wrongTokenOverLongPollingIsRefusedToo() {
        TestPeer raw = fixture.track(TestPeer.connect(fixture.relay.url(), ObserverProtocol.NAMESPACE,
                Map.of("token", "guess"), false, "polling"));
        JSONObject error = (JSONObject) raw.awaitNth("connect_error", 1);
        assertEquals(ObserverProtocol.REFUSED_WRONG_TOKEN, error.getString("message"));
        assertTrue(raw.received("sessions_snapshot").isEmpty());
        assertEquals(0, fixture.relay.stats().observersConnected());
    }

    @Test
    void unreachableRelayIsReportedAsSuch() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        ObserverClient client = fixture.track(new ObserverClient("http://127.0.0.1:" + freePort, "test-token"));
        ObserverConnectException failure = connectFailure(client);
        assertEquals(ObserverConnectException.Reason.UNREACHABLE, failure.reason());
        assertTrue(failure.getMessage().contains("cannot reach the relay"), failure.getMessage());
    }

    @Test
    void peerCannotSendCommands() {
        TestPeer[] pair = fixture.pair("cmd-peer");
        JSONObject ack = pair[0].emitAck("force_fallback", new JSONObject().put("game_id", "cmd-peer"));
        assertFalse(ack.getBoolean("ok"));
        assertEquals("not_allowed", ack.getString("error"));
        assertEquals("force_fallback", pair[0].await("rollscope_error").getString("event"));
        assertTrue(pair[1].received("rollscope_command").isEmpty());
        assertEquals(1, fixture.relay.stats().rejected(RejectReason.COMMAND_FROM_PEER));
    }

    @Test
    void commandReachesOnlyTheTargetSeatAndIsAcknowledgedAfterThePeerAcks() throws Exception {
        RecordingListener seen = new RecordingListener();
        ObserverClient client = observer(seen);
        TestPeer[] pair = fixture.pair("cmd");
        CommandResult result = client.forceFallback("cmd", "1").get(5, TimeUnit.SECONDS);
        assertTrue(result.ok(), result.describe());
        JSONObject command = pair[1].await("rollscope_command");
        assertEquals("force_fallback", command.getString("command"));
        assertTrue(command.getString("id").startsWith("cmd-"));
        assertEquals("1", command.getString("player_id"));
        assertTrue(pair[0].received("rollscope_command").isEmpty(), "the other seat is not commanded");
        Await.until(TestPeer.WAIT, () -> seen.hasEvent("cmd", SessionEvent.KIND_COMMAND), seen::toString);

        CommandResult both = client.setLink("cmd", null, new LinkProfile(80, 20, 0.1, 0, 0, 0)).get(5,
                TimeUnit.SECONDS);
        assertTrue(both.ok(), both.describe());
        JSONObject link = pair[0].await("rollscope_command").getJSONObject("args");
        assertEquals(80, link.getDouble("latency_ms"));
        assertEquals(0.1, link.getDouble("loss"));
        assertEquals("set_link", ((JSONObject) pair[1].awaitNth("rollscope_command", 2)).getString("command"));
    }

    @Test
    void commandTimesOutWhenThePeerNeverAcknowledges() throws Exception {
        ObserverClient client = observer(new RecordingListener());
        TestPeer[] pair = fixture.pair("mute");
        pair[1].answerCommandsWith(command -> null);
        CommandResult result = client.restoreP2p("mute", null).get(5, TimeUnit.SECONDS);
        assertFalse(result.ok());
        assertEquals("timeout", result.error());
        assertTrue(result.message().contains("player 1"), result.message());
        assertEquals(1, fixture.relay.stats().rejected(RejectReason.COMMAND_TIMEOUT));
    }

    @Test
    void commandRefusedByThePeerOrInvalidIsReportedToTheObserver() throws Exception {
        ObserverClient client = observer(new RecordingListener());
        TestPeer[] pair = fixture.pair("bad-cmd");
        pair[0].answerCommandsWith(command -> new JSONObject().put("ok", false).put("error", "no P2P channel"));
        CommandResult refused = client.forceFallback("bad-cmd", "0").get(5, TimeUnit.SECONDS);
        assertEquals("peer_refused", refused.error());
        assertTrue(refused.message().contains("no P2P channel"), refused.message());

        // LinkProfile cannot even be built with loss 2, so send it as a raw observer would.
        JSONObject invalid = rawObserverAck("set_link", new JSONObject().put("game_id", "bad-cmd").put("loss", 2));
        assertEquals("invalid_link", invalid.getString("error"));
        assertTrue(invalid.getString("message").contains("loss"), invalid.toString());
        assertEquals("unknown_game", client.forceFallback("nope", null).get(5, TimeUnit.SECONDS).error());
        assertEquals("unknown_player", client.forceFallback("bad-cmd", "7").get(5, TimeUnit.SECONDS).error());
    }

    @Test
    void sessionEventsReachObserversAndTheEventsFile() throws Exception {
        RecordingListener seen = new RecordingListener();
        observer(seen);
        TestPeer[] pair = fixture.pair("ev");
        pair[0].emitAck("peer_event", new JSONObject().put("kind", "fallback")
                .put("detail", new JSONObject().put("reason", "forced")));
        pair[1].emitAck("p2p_connection_lost", new JSONObject().put("game_id", "ev").put("player_id", "1")
                .put("frame_number", 300).put("timestamp", 5));
        pair[1].close();
        Await.until(TestPeer.WAIT, () -> seen.hasEvent("ev", SessionEvent.KIND_LEFT), seen::toString);
        SessionEvent fallback = seen.events.stream().filter(e -> e.kind().equals("fallback")).findFirst()
                .orElseThrow();
        assertEquals("0", fallback.playerId());
        assertEquals("forced", fallback.detail().get("reason"));

        List<String> kinds = Files.readAllLines(dataDir.resolve("ev/events.jsonl")).stream()
                .map(line -> new JSONObject(line).getString("kind")).toList();
        assertEquals(List.of("created", "joined", "joined", "fallback", "p2p_connection_lost", "left"), kinds);
        JSONObject line = new JSONObject(Files.readAllLines(dataDir.resolve("ev/events.jsonl")).get(3));
        assertEquals("forced", line.getJSONObject("detail").getString("reason"));
        assertTrue(line.getLong("t_ms") > 0);

        SessionSummary ev = snapshotOf("ev");
        assertEquals(6, ev.events().size(), "the snapshot carries the session's recent events");
    }

    private SessionSummary snapshotOf(String gameId) throws Exception {
        ObserverClient fresh = observer(new RecordingListener());
        return fresh.lastSnapshot().sessions().stream().filter(s -> s.gameId().equals(gameId)).findFirst()
                .orElseThrow();
    }

    private JSONObject rawObserverAck(String event, JSONObject payload) {
        TestPeer raw = fixture.track(TestPeer.connect(fixture.relay.url(), ObserverProtocol.NAMESPACE,
                Map.of("token", "test-token"), true));
        return raw.emitAck(event, payload);
    }

    private ObserverClient observer(RecordingListener listener) throws Exception {
        ObserverClient client = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"));
        client.addListener(listener).connect().get(10, TimeUnit.SECONDS);
        return client;
    }

    private static ObserverConnectException connectFailure(ObserverClient client) throws Exception {
        try {
            client.connect().get(10, TimeUnit.SECONDS);
            throw new AssertionError("connect should have failed");
        } catch (ExecutionException e) {
            return (ObserverConnectException) e.getCause();
        }
    }

    static JSONObject sampleJson(long seq) {
        return new JSONObject().put("seq", seq).put("t_ms", 1_700_000_000_123L).put("state", "running")
                .put("episode", 0).put("frame", 600).put("confirmed_frame", 590).put("verified_frame", 580)
                .put("remote_frame", 598).put("frame_advantage", 1.5).put("rollbacks", 12)
                .put("rollback_frames", 30).put("rtt_ms", 42.5).put("relay_rtt_ms", JSONObject.NULL)
                .put("gap_rate", 0.01).put("buffered_amount", 0).put("transport", "p2p")
                .put("transport_reason", "ok")
                .put("link", new JSONObject().put("latency_ms", 80).put("jitter_ms", 20).put("loss", 0.1)
                        .put("duplicate", 0).put("reorder", 0).put("bandwidth_kbps", 0));
    }
}
