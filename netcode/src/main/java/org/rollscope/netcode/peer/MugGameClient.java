package org.rollscope.netcode.peer;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import okhttp3.Request;
import okhttp3.Response;
import org.json.JSONObject;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.transport.SocketIoHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MUG participant's connection to a MUG server (mug-browser.md §2): the subject's {@code GET /<subject_id>}, the
 * Socket.IO connection (WebSocket only, as MUG's page) and every event of the flow. Events the server sends are
 * queued as {@link Event}s for the participant's loop; what the seat sends goes out as MUG's events
 * ({@code pyodide_player_action}, {@code webrtc_signal}, {@code p2p_health_report}, {@code emit_episode_data}).
 * Rollscope's own telemetry and events have no place on a MUG server and are dropped.
 *
 * <p>Threads: send methods may be called from any thread and never block; {@link #drain} on the loop thread.
 */
final class MugGameClient implements SeatServer, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MugGameClient.class);
    /** Every event of the participant flow the loop acts on (others are logged at debug level and ignored). */
    private static final List<String> EVENTS = List.of("server_session_id", "activate_scene", "waiting_room",
            "pyodide_player_assigned", "pyodide_game_ready", "match_found_countdown", "start_game",
            "p2p_validation_complete", "p2p_validation_repool", "pyodide_other_player_action", "webrtc_signal",
            "p2p_game_ended", "duplicate_session", "join_game_error", "waiting_room_error", "pong", "end_game",
            "partner_excluded", "probe_prepare", "probe_start", "probe_signal", "p2p_pause", "p2p_resume");

    /** One event from the server, or {@code connect}/{@code disconnect} of the socket itself. */
    record Event(String name, JSONObject data) {}

    private final URI base;
    private final String subjectId;
    private final Socket socket;
    private final ConcurrentLinkedQueue<Event> inbox = new ConcurrentLinkedQueue<>();
    private volatile String sessionId;
    private volatile String gameId;
    private volatile Object playerId; // MUG's own value (an int in every MUG game seen): echoed back as it came
    private volatile double relayRttMs = Double.NaN;
    private volatile DoubleConsumer roundTrips = rtt -> { };

    /**
     * @param base the experiment's URL: the MUG server, plus the path it is served under when not the root
     * @param subjectId the participant id to use (must be new to the server)
     */
    MugGameClient(URI base, String subjectId) {
        this.base = base;
        this.subjectId = subjectId;
        IO.Options options = SocketIoHttp.websocketOptions();
        options.reconnection = false; // a MUG participant that lost its socket has left the experiment
        String path = base.getPath() == null || base.getPath().isEmpty() ? "/" : base.getPath();
        options.path = (path.endsWith("/") ? path : path + "/") + "socket.io";
        this.socket = IO.socket(URI.create(base.getScheme() + "://" + base.getAuthority()), options);
        socket.on(Socket.EVENT_CONNECT, a -> inbox.add(new Event("connect", new JSONObject())));
        socket.on(Socket.EVENT_DISCONNECT, a -> inbox.add(new Event("disconnect",
                new JSONObject().put("reason", a.length > 0 ? String.valueOf(a[0]) : "?"))));
        socket.on(Socket.EVENT_CONNECT_ERROR, a -> inbox.add(new Event("connect_error",
                new JSONObject().put("reason", a.length > 0 ? String.valueOf(a[0]) : "?"))));
        for (String name : EVENTS) {
            socket.on(name, a -> inbox.add(new Event(name,
                    a.length > 0 && a[0] instanceof JSONObject o ? o : new JSONObject())));
        }
    }

    /**
     * Creates the participant ({@code GET /<subject_id>}, which MUG refuses for an id already used) and starts the
     * Socket.IO connection; the outcome arrives as events.
     *
     * @throws IOException when the server does not answer or refuses the subject id
     */
    void connect() throws IOException {
        String url = base.toString().replaceAll("/+$", "") + "/" + subjectId;
        try (Response r = SocketIoHttp.CLIENT.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!r.isSuccessful()) {
                throw new IOException("MUG refused participant " + subjectId + " (HTTP " + r.code() + " for " + url
                        + ")");
            }
        }
        socket.connect();
    }

    /** Hands every queued event to {@code sink}, oldest first. Loop thread. */
    void drain(Consumer<Event> sink) {
        for (Event e; (e = inbox.poll()) != null; ) {
            sink.accept(e);
        }
    }

    String subjectId() {
        return subjectId;
    }

    void onSessionId(String id) {
        sessionId = id;
    }

    /** The seat MUG assigned (its player id exactly as MUG sent it) in game {@code game}. */
    void onAssigned(String game, Object player) {
        gameId = game;
        playerId = player;
    }

    /** The round trip of the newest {@code ping}/{@code pong}, in ms. */
    void onPingRtt(double rttMs) {
        relayRttMs = rttMs;
        roundTrips.accept(rttMs);
    }

    void registerSubject() {
        emit("register_subject", new JSONObject().put("subject_id", subjectId)
                .put("mugGlobals", new JSONObject().put("subjectName", subjectId)));
    }

    /** MUG's page pings every second; the server keeps the RTT for matchmaking. */
    void ping() {
        emit("ping", new JSONObject().put("ping_ms", Double.isNaN(relayRttMs) ? 0 : relayRttMs)
                .put("document_in_focus", true));
    }

    void advanceScene() {
        emit("advance_scene", new JSONObject().put("session_id", sessionId));
    }

    void joinGame() {
        emit("join_game", new JSONObject().put("session_id", sessionId));
    }

    void validationSuccess() {
        emit("p2p_validation_success", new JSONObject().put("game_id", gameId).put("player_id", playerId));
    }

    void gameComplete(int episodes, int maxEpisodes) {
        emit("multiplayer_game_complete", new JSONObject().put("game_id", gameId).put("episode_num", episodes)
                .put("max_episodes", maxEpisodes));
    }

    /** The probe's connection is prepared (answers {@code probe_prepare}). */
    void probeReady(String probeSessionId) {
        emit("probe_ready", new JSONObject().put("probe_session_id", probeSessionId));
    }

    /** One of the probe connection's signals for the candidate partner; MUG relays it as {@code probe_signal}. */
    void probeSignal(String probeSessionId, String targetSubjectId, String type, JSONObject payload) {
        emit("probe_signal", new JSONObject().put("probe_session_id", probeSessionId)
                .put("target_subject_id", targetSubjectId).put("type", type).put("payload", payload));
    }

    /** The probe's median RTT (null and {@code success: false} when it failed), as the page reports it. */
    void probeResult(String probeSessionId, Double rttMs) {
        emit("probe_result", new JSONObject().put("probe_session_id", probeSessionId)
                .put("rtt_ms", rttMs == null ? JSONObject.NULL : rttMs).put("success", rttMs != null));
    }

    /** Sends any MUG event. */
    void emit(String event, JSONObject payload) {
        socket.emit(event, payload);
    }

    /** MUG's player id in the form MUG uses on the wire (a number when it is one). */
    static Object wireId(String id) {
        try {
            return Integer.parseInt(id);
        } catch (NumberFormatException notANumber) {
            return id;
        }
    }

    @Override
    public String gameId() {
        return gameId;
    }

    @Override
    public String playerId() {
        Object p = playerId;
        return p == null ? null : String.valueOf(p);
    }

    /** {@code pyodide_player_action}; MUG does not acknowledge it, but a WebSocket delivers in order or not at all. */
    @Override
    public boolean sendAction(int frame, int action, int syncEpoch, Runnable onAcked) {
        if (!socket.connected() || gameId == null) {
            return false;
        }
        emit("pyodide_player_action", new JSONObject().put("game_id", gameId).put("player_id", playerId)
                .put("action", action).put("frame_number", frame).put("timestamp", System.currentTimeMillis())
                .put("sync_epoch", syncEpoch));
        onAcked.run();
        return true;
    }

    /** MUG has no path for wire packets besides inputs: a page never sees them. */
    @Override
    public boolean sendP2pPacket(byte[] packet) {
        return false;
    }

    @Override
    public void sendSignal(String targetPlayerId, String type, JSONObject payload) {
        emit("webrtc_signal", new JSONObject().put("game_id", gameId).put("target_player_id", wireId(targetPlayerId))
                .put("type", type).put("payload", payload));
    }

    /**
     * Not sent: MUG answers {@code p2p_connection_lost} with its pause-and-reconnect flow for both players, which a
     * partner that simply carries on by Socket.IO must not start.
     */
    @Override
    public boolean sendConnectionLost(int frame) {
        LOG.info("MUG participant {}: P2P channel lost at frame {}; carrying on by Socket.IO", subjectId, frame);
        return false;
    }

    @Override
    public boolean sendPeerEvent(String kind, JSONObject detail) {
        LOG.debug("MUG participant {}: {} {}", subjectId, kind, detail);
        return false;
    }

    @Override
    public boolean sendTelemetry(JSONObject sample, Runnable onAcked) {
        return false;
    }

    /** MUG's round trip is its {@code ping}/{@code pong}, once a second. */
    @Override
    public void onRoundTrip(DoubleConsumer sink) {
        roundTrips = sink;
    }

    /** {@code p2p_health_report}, with the player id as text (MUG's admin feed drops an integer 0). */
    @Override
    public boolean sendHealthReport(JSONObject report) {
        emit("p2p_health_report", report.put("player_id", playerId()));
        return true;
    }

    /**
     * {@code emit_episode_data}: the episode's confirmed frames as MUG's page encodes them (msgpack of {@code t},
     * {@code actions} per player, ...); completes true once MUG acknowledged {@code {status: "ok"}}.
     */
    @Override
    public CompletableFuture<Boolean> sendEpisodeData(int episode, List<FrameRecord> rows, String csv,
                                                      boolean partial) {
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        if (!socket.connected()) {
            stored.complete(false);
            return stored;
        }
        JSONObject payload = new JSONObject().put("data", MsgPackWriter.encode(episodeData(episode, rows)))
                .put("scene_id", sceneId).put("episode_num", episode).put("session_id", sessionId)
                .put("subject_id", subjectId).put("mugGlobals", new JSONObject().put("subjectName", subjectId));
        socket.emit("emit_episode_data", new Object[] {payload}, (Ack) reply -> stored.complete(
                reply.length > 0 && reply[0] instanceof JSONObject json && "ok".equals(json.optString("status"))));
        return stored;
    }

    private volatile String sceneId;
    private volatile List<String> playerIdsByIndex = List.of("0", "1");
    private volatile Map<String, String> playerSubjects = Map.of();

    /** The game's scene and seats, for the episode data. */
    void onGame(String scene, List<String> idsByIndex, Map<String, String> subjects) {
        sceneId = scene;
        playerIdsByIndex = List.copyOf(idsByIndex);
        playerSubjects = Map.copyOf(subjects);
    }

    /** MUG's episode-data dictionary (G ~3536), with what a partner without the environment knows. */
    private Map<String, Object> episodeData(int episode, List<FrameRecord> rows) {
        List<Object> t = new ArrayList<>();
        List<Object> episodeNum = new ArrayList<>();
        List<Object> a0 = new ArrayList<>();
        List<Object> a1 = new ArrayList<>();
        List<Object> s0 = new ArrayList<>();
        List<Object> s1 = new ArrayList<>();
        for (FrameRecord r : rows) {
            t.add(r.frame());
            episodeNum.add(episode);
            a0.add(r.action0());
            a1.add(r.action1());
            s0.add(r.localPredicted());
            s1.add(r.localPredicted());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("actions", perPlayer(a0, a1));
        data.put("wasSpeculative", perPlayer(s0, s1));
        data.put("episode_num", episodeNum);
        data.put("t", t);
        data.put("player_subjects", new LinkedHashMap<>(playerSubjects));
        data.put("rollscope_partner", "Rollscope pilot: the environment was not run here; actions only");
        return data;
    }

    private Map<String, Object> perPlayer(List<Object> byIndex0, List<Object> byIndex1) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(playerIdsByIndex.get(0), byIndex0);
        m.put(playerIdsByIndex.get(1), byIndex1);
        return m;
    }

    @Override
    public void close() {
        socket.close();
    }
}
