package org.rollscope.netcode.mug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.observer.PlayerSummary;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.transport.LinkProfile;

/** MugSource against the MUG stand-in (and against things that are not MUG) over real loopback sockets. */
class MugSourceTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String GAME = MugStateMapperTest.GAME;

    @TempDir
    Path dir;
    MugStandIn mug;
    MugSource source;
    final Recorder seen = new Recorder();

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (mug != null) {
            mug.close();
        }
    }

    MugStandIn standIn(MugStandIn.Cookies cookies) throws Exception {
        mug = new MugStandIn(cookies, MugStandIn.sample("mug-state-update-game.json")).start();
        return mug;
    }

    SessionsSnapshot connect(String url, String password) throws Exception {
        source = new MugSource(url, password).addListener(seen);
        return source.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    MugConnectException failure(String url, String password) {
        source = new MugSource(url, password).addListener(seen);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> source.connect().get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return assertInstanceOf(MugConnectException.class, e.getCause());
    }

    @Test
    void logsInConnectsAndShowsTheGameWithItsMappedSeats() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        SessionsSnapshot snapshot = connect(mug.url(), MugStandIn.PASSWORD);
        assertEquals(1, snapshot.sessions().size());
        assertEquals(GAME, snapshot.sessions().get(0).gameId());
        List<PlayerSummary> players = snapshot.sessions().get(0).players();
        assertEquals(List.of("0", "1"), players.stream().map(PlayerSummary::playerId).toList());
        assertNull(players.get(0).sample());
        assertEquals("direct", players.get(0).health().get("ice_path"));
        assertEquals(24.5, players.get(0).health().get("rtt_ms"));
        assertEquals("session_median", players.get(0).health().get("rtt_kind"));
        assertEquals(ConnectionState.CONNECTED, source.state());
        assertEquals(1, mug.logins.get());
        assertEquals(1, source.logins());
        assertTrue(mug.stateRequests.get() >= 1, "request_state sent on connect");
        Await.until(WAIT, "the activity log as events", () -> seen.events.size() == 5, seen::describe);
        Await.until(WAIT, "both seats' reports", () -> seen.reports.size() == 2, seen::describe);
        assertTrue(seen.reports.stream().allMatch(r -> "mug".equals(r.source())));
        assertEquals(ConnectionState.CONNECTED, seen.states.get(seen.states.size() - 1));
    }

    @ParameterizedTest
    @EnumSource(value = MugStandIn.Cookies.class, names = {"SESSION_ONLY", "REMEMBER_ONLY"})
    void eitherCookieAloneAuthenticates(MugStandIn.Cookies cookies) throws Exception {
        standIn(cookies);
        assertEquals(GAME, connect(mug.url(), MugStandIn.PASSWORD).sessions().get(0).gameId());
    }

    @Test
    void aWrongPasswordIsATerminalRefusal() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        MugConnectException e = failure(mug.url(), "admin124");
        assertEquals(MugConnectException.Reason.WRONG_PASSWORD, e.reason());
        assertTrue(e.getMessage().contains("wrong admin password"), e.getMessage());
        assertFalse(e.getMessage().contains("admin124"), "never show the password");
        Await.until(WAIT, "state REFUSED", () -> source.state() == ConnectionState.REFUSED, source::state);
        assertEquals(1, mug.wrongPasswords.get(), "no retries with a wrong password");
    }

    @Test
    void theRollscopeRelayIsNotAMugServer() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir).build())) {
            relay.start();
            MugConnectException e = failure(relay.url(), "admin123");
            assertEquals(MugConnectException.Reason.NOT_MUG, e.reason());
            assertTrue(e.getMessage().contains("does not look like a MUG server"), e.getMessage());
            assertTrue(e.getMessage().contains("its login answered HTTP 405"), e.getMessage()); // POST not allowed
        }
    }

    @Test
    void aServerAnsweringJsonIsNotAMugServer() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        try {
            MugConnectException e = failure("http://127.0.0.1:" + http.getAddress().getPort(), "admin123");
            assertEquals(MugConnectException.Reason.NOT_MUG, e.reason());
            assertTrue(e.getMessage().contains("not an HTML page"), e.getMessage());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void aPlainHttpServerWithoutTheLoginIsNotAMugServer() throws Exception {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/api", exchange -> exchange.sendResponseHeaders(204, -1)); // /admin/login: 404
        http.start();
        try {
            MugConnectException e = failure("http://127.0.0.1:" + http.getAddress().getPort() + "/", "admin123");
            assertEquals(MugConnectException.Reason.NOT_MUG, e.reason());
            assertTrue(e.getMessage().contains("no /admin/login there (HTTP 404)"), e.getMessage());
            assertEquals(ConnectionState.REFUSED, source.state(), "terminal: retrying cannot help");
        } finally {
            http.stop(0);
        }
    }

    @Test
    void nothingListeningIsUnreachableAndRetried() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MugConnectException e = failure("http://127.0.0.1:" + port, "admin123");
        assertEquals(MugConnectException.Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertEquals(ConnectionState.RECONNECTING, source.state(), "keeps trying until closed");
    }

    @Test
    void theAdminNamespaceRefusesAClientWithoutTheCookie() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        IO.Options options = new IO.Options();
        options.transports = new String[] {"websocket"};
        options.forceNew = true;
        options.reconnection = false;
        Socket bare = IO.socket(URI.create(mug.url() + MugProtocol.NAMESPACE), options);
        CompletableFuture<Object> error = new CompletableFuture<>();
        bare.on(Socket.EVENT_CONNECT_ERROR, args -> error.complete(args[0]));
        bare.on(Socket.EVENT_CONNECT, args -> error.complete("connected"));
        bare.connect();
        try {
            Object refusal = error.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertInstanceOf(JSONObject.class, refusal, String.valueOf(refusal));
            assertEquals(MugProtocol.REJECTED, ((JSONObject) refusal).getString("message"));
            assertEquals(1, mug.refusedConnects.get());
        } finally {
            bare.close();
        }
    }

    @Test
    void healthReportsExpireTenSecondsAfterTheirLastUpdate() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        connect(mug.url(), MugStandIn.PASSWORD);
        JSONObject later = MugStandIn.sample("mug-state-update-game.json");
        later.getJSONObject("summary").put("timestamp", 1795236064.0); // 5.3 s after the reports
        mug.setState(later);
        mug.broadcastState();
        Await.until(WAIT, "a snapshot 5 s on", () -> seen.lastSnapshotTime() == 1795236064000L, seen::describe);
        assertEquals("ok", seen.lastPlayer(0).health().get("report_status"));
        JSONObject stale = MugStandIn.sample("mug-state-update-game.json");
        stale.getJSONObject("summary").put("timestamp", 1795236069.0); // 10.3 s: no new report meanwhile
        mug.setState(stale);
        mug.broadcastState();
        Await.until(WAIT, "a snapshot 10 s on", () -> seen.lastSnapshotTime() == 1795236069000L, seen::describe);
        assertEquals("expired", seen.lastPlayer(0).health().get("report_status"));
        assertEquals("expired", seen.lastPlayer(1).health().get("report_status"));
        assertNull(seen.lastPlayer(1).health().get("rtt_ms"), "no stale RTT shown");
        JSONObject fresh = new JSONObject(stale.toString());
        fresh.getJSONArray("multiplayer_games").getJSONObject(0).getJSONObject("p2p_health").getJSONObject("1")
                .put("timestamp", 1795236068.5);
        mug.setState(fresh);
        mug.broadcastState();
        Await.until(WAIT, "seat 1 reporting again", () -> "ok".equals(seen.lastPlayer(1).health()
                .get("report_status")), seen::describe);
        assertEquals("expired", seen.lastPlayer(0).health().get("report_status"));
    }

    @Test
    void problemsAndActivityReachListenersOnceDespiteResends() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        connect(mug.url(), MugStandIn.PASSWORD);
        Await.until(WAIT, "the initial log", () -> seen.events.size() == 5, seen::describe);
        JSONObject live = new JSONObject().put("timestamp", 1795236059.5).put("event_type", "disconnect")
                .put("subject_id", "fake-B-de7bb0d6").put("details", new JSONObject().put("reason", "tab closed"));
        mug.broadcast(MugProtocol.ACTIVITY_EVENT, live);
        JSONObject state = MugStandIn.sample("mug-state-update-game.json");
        state.getJSONArray("activity_log").put(live);
        state.getJSONArray("problems").put(new JSONObject().put("timestamp", 1795236059.6).put("type", "disconnect")
                .put("severity", "error").put("message", "participant left").put("subject_id", "fake-B-de7bb0d6"));
        state.getJSONObject("summary").put("timestamp", 1795236059.9);
        mug.setState(state);
        for (int i = 0; i < 3; i++) {
            mug.broadcastState();
        }
        Await.until(WAIT, "three more snapshots", () -> seen.snapshots.size() >= 4, seen::describe);
        Await.until(WAIT, "the disconnect and the problem", () -> seen.events.size() >= 7, seen::describe);
        assertTrue(source.requestSnapshot().get(WAIT.toSeconds(), TimeUnit.SECONDS).ok());
        List<String> kinds = seen.events.stream().map(SessionEvent::kind).toList();
        assertEquals(List.of("join", "scene_advance", "join", "scene_advance", "match_formed", "disconnect",
                "problem"), kinds, "each once, in order");
        SessionEvent disconnect = seen.events.get(5);
        assertEquals(GAME, disconnect.gameId());
        assertEquals("1", disconnect.playerId());
    }

    @Test
    void afterARestartTheSourceLogsInAgainAndGetsAFreshSnapshot() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        connect(mug.url(), MugStandIn.PASSWORD);
        int before = seen.snapshots.size();
        mug.setState(MugStandIn.sample("mug-state-update-empty.json"));
        mug.restart(); // same port, new cookie secret: the old cookie is refused
        Await.until(WAIT, "reconnected", () -> seen.states.contains(ConnectionState.RECONNECTING)
                && source.state() == ConnectionState.CONNECTED && seen.snapshots.size() > before
                && seen.lastSnapshotTime() == 1795235975890L, seen::describe);
        assertEquals(2, mug.logins.get(), "logged in again after the old cookie was refused");
        assertTrue(mug.refusedConnects.get() >= 1, "the stale cookie was refused: " + mug.refusedConnects.get());
        SessionsSnapshot after = source.lastSnapshot();
        assertEquals(1, after.sessions().size(), "the game is still listed");
        assertTrue(after.sessions().get(0).ended(), "gone from MUG's list: ended");
    }

    @Test
    void aRestartThatKeepsSessionsIsFollowedWithTheSameCookie() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        connect(mug.url(), MugStandIn.PASSWORD);
        int requests = mug.stateRequests.get();
        mug.restartKeepingSessions();
        Await.until(WAIT, "reconnected and asked for the state again", () -> seen.states.contains(
                ConnectionState.RECONNECTING) && source.state() == ConnectionState.CONNECTED
                && mug.stateRequests.get() > requests, seen::describe);
        assertEquals(1, mug.logins.get(), "the cookie still works: no new login");
        assertEquals(0, mug.refusedConnects.get(), "the cookie went with every reconnect attempt");
    }

    @Test
    void whenTheServerClosesTheNamespaceTheSourceLogsInAgain() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        connect(mug.url(), MugStandIn.PASSWORD);
        Await.until(WAIT, "the stand-in sees one admin", () -> mug.connectedAdmins() == 1, seen::describe);
        mug.kickAdmins();
        Await.until(WAIT, "back after a new login", () -> mug.logins.get() == 2 && mug.connectedAdmins() == 1
                && source.state() == ConnectionState.CONNECTED, () -> seen.describe() + ", logins "
                + mug.logins.get() + ", admins " + mug.connectedAdmins());
    }

    @Test
    void commandsMugCannotHonourAreRefusedNotIgnored() throws Exception {
        standIn(MugStandIn.Cookies.BOTH);
        connect(mug.url(), MugStandIn.PASSWORD);
        assertFalse(source.capabilities().forceFallback());
        assertFalse(source.capabilities().setLink());
        assertTrue(source.capabilities().requestSnapshot());
        for (CompletableFuture<CommandResult> command : List.of(source.forceFallback(GAME, "0"),
                source.restoreP2p(GAME, null), source.setLink(GAME, "1", new LinkProfile(80, 0, 0, 0, 0, 0)))) {
            CommandResult result = command.get(1, TimeUnit.SECONDS);
            assertFalse(result.ok());
            assertEquals("not_supported", result.error());
            assertEquals("MUG servers cannot force fallback or change link conditions", result.message());
        }
    }

    @Test
    void requestSnapshotIsRefusedWhenNotConnected() throws Exception {
        source = new MugSource("http://127.0.0.1:9", "x");
        CommandResult result = source.requestSnapshot().get(1, TimeUnit.SECONDS);
        assertEquals("not_connected", result.error());
        assertThrows(IllegalArgumentException.class, () -> new MugSource("ftp://example.org", "x"));
        assertNotEquals(null, source.url());
    }

    /** Records everything a MugListener hears. */
    static final class Recorder implements MugListener {
        final List<SessionsSnapshot> snapshots = new CopyOnWriteArrayList<>();
        final List<SessionEvent> events = new CopyOnWriteArrayList<>();
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final List<MugPeerReport> reports = new CopyOnWriteArrayList<>();

        @Override
        public void onSnapshot(SessionsSnapshot snapshot) {
            snapshots.add(snapshot);
        }

        @Override
        public void onSessionEvent(SessionEvent event) {
            events.add(event);
        }

        @Override
        public void onConnectionState(ConnectionState state, String detail) {
            states.add(state);
        }

        @Override
        public void onMugReports(List<MugPeerReport> batch) {
            reports.addAll(batch);
        }

        long lastSnapshotTime() {
            return snapshots.isEmpty() ? -1 : snapshots.get(snapshots.size() - 1).tMs();
        }

        PlayerSummary lastPlayer(int seat) {
            return snapshots.get(snapshots.size() - 1).sessions().get(0).players().get(seat);
        }

        String describe() {
            return "states " + states + ", " + snapshots.size() + " snapshots (last t " + lastSnapshotTime()
                    + "), events " + events.stream().map(SessionEvent::kind).toList() + ", " + reports.size()
                    + " reports";
        }
    }
}
