package org.rollscope.netcode.peer;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.json.JSONArray;
import org.json.JSONObject;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.relay.PeerEvents;
import org.rollscope.netcode.transport.AckRoundTrips;
import org.rollscope.netcode.transport.SocketIoHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless peer's Socket.IO connection to the session relay (docs/relay-protocol.md): joins a seat, carries the
 * relay path of inputs, signalling, wire packets that must cross while P2P is down, telemetry, events and episode
 * data, and receives the operator's commands.
 *
 * <p>WebSocket only (long-polling mangles binary against our relay). After any reconnect the client joins again with
 * the same game and player id, so the seat is re-taken and the session goes on. Nothing is emitted while not joined:
 * Socket.IO would buffer it and flush it before the join, where the relay refuses it; the engine's redundancy and
 * input requests cover the gap instead.
 *
 * <p>Threads: send methods may be called from any thread and never block. Everything the relay says is queued as a
 * {@link RelayInbound} and handed out by {@link #drain} on the peer loop's thread.
 */
public final class PeerRelayClient implements AutoCloseable, SeatServer {
    private static final Logger LOG = LoggerFactory.getLogger(PeerRelayClient.class);

    private final Socket socket;
    private final ConcurrentLinkedQueue<RelayInbound> inbox = new ConcurrentLinkedQueue<>();
    private final String subjectId;
    private volatile String gameId;
    private volatile String playerId;
    /** The secret the relay gave this seat on its first join; presented on every re-join (relay-protocol.md). */
    private volatile String seatToken;
    private volatile boolean joined;
    private volatile boolean closed;
    private final AtomicReference<CompletableFuture<Long>> nextRemoteAction = new AtomicReference<>();
    private volatile DoubleConsumer roundTrips = rttMs -> { };

    /**
     * @param server the relay's URL, e.g. {@code http://127.0.0.1:8765}
     * @param gameId the game to join, or null for the first with an open seat
     * @param playerId the seat id to ask for, or null for the relay's choice
     * @param subjectId the participant id reported to the relay, or null
     */
    public PeerRelayClient(String server, String gameId, String playerId, String subjectId) {
        this.gameId = gameId;
        this.playerId = playerId;
        this.subjectId = subjectId;
        IO.Options options = SocketIoHttp.websocketOptions();
        // relay_rtt_ms: timed at the frames, not in the acknowledgement callbacks (see AckRoundTrips).
        options.webSocketFactory = new AckRoundTrips(SocketIoHttp.CLIENT,
                Set.of(PeerEvents.PEER_TELEMETRY, PeerEvents.PLAYER_ACTION), rttMs -> roundTrips.accept(rttMs));
        options.reconnection = true;
        options.reconnectionDelay = 250;
        options.reconnectionDelayMax = 2_000;
        this.socket = IO.socket(URI.create(Objects.requireNonNull(server, "server")), options);
        wire();
    }

    /** Starts connecting; the outcome arrives as {@link RelayInbound} values. */
    public void connect() {
        socket.connect();
    }

    /** True while connected and seated. */
    public boolean joined() {
        return joined;
    }

    /** The seat's game id, once assigned (or as asked for). */
    public String gameId() {
        return gameId;
    }

    /** The seat's player id, once assigned (or as asked for). */
    public String playerId() {
        return playerId;
    }

    /**
     * Where the round trips to the relay go, in ms, as they are measured (on OkHttp's reading thread): every
     * acknowledged {@code peer_telemetry} and {@code pyodide_player_action}, timed from the frame leaving to its
     * acknowledgement's frame arriving.
     */
    public void onRoundTrip(DoubleConsumer sink) {
        this.roundTrips = Objects.requireNonNull(sink, "sink");
    }

    /** Hands everything the relay said since the last call to {@code sink}, in arrival order. Peer loop only. */
    public void drain(Consumer<RelayInbound> sink) {
        for (RelayInbound m; (m = inbox.poll()) != null; ) {
            sink.accept(m);
        }
    }

    /**
     * {@code pyodide_player_action}: one input by the relay path. {@code onAcked} runs once the relay acknowledges it
     * (proof that the relay path works; its round trip goes to {@link #onRoundTrip}).
     *
     * @return false when not joined (nothing was sent)
     */
    @Override
    public boolean sendAction(int frame, int action, int syncEpoch, Runnable onAcked) {
        if (!joined) {
            return false;
        }
        JSONObject payload = new JSONObject()
                .put("game_id", gameId).put("player_id", playerId)
                .put("action", action).put("frame_number", frame)
                .put("timestamp", System.currentTimeMillis()).put("sync_epoch", syncEpoch);
        socket.emit(PeerEvents.PLAYER_ACTION, new Object[] {payload}, (Ack) reply -> {
            if (isOk(reply)) {
                onAcked.run();
            }
        });
        return true;
    }

    /** {@code webrtc_signal} to the other seat. */
    @Override
    public void sendSignal(String targetPlayerId, String type, JSONObject payload) {
        emit(PeerEvents.WEBRTC_SIGNAL, new JSONObject().put("game_id", gameId)
                .put("target_player_id", targetPlayerId).put("type", type).put("payload", payload));
    }

    /** {@code rollscope_p2p_message}: a wire packet for the other seat, by the relay. */
    @Override
    public boolean sendP2pPacket(byte[] packet) {
        return emit(PeerEvents.P2P_MESSAGE, new JSONObject().put("game_id", gameId).put("data", packet));
    }

    /**
     * {@code peer_telemetry}: one sample (the relay stamps the seat). {@code onAcked} runs once the relay acknowledged
     * it; its round trip, which keeps {@code relay_rtt_ms} fresh while inputs go peer to peer, goes to
     * {@link #onRoundTrip}.
     */
    public boolean sendTelemetry(JSONObject sample, Runnable onAcked) {
        if (!joined) {
            return false;
        }
        socket.emit(PeerEvents.PEER_TELEMETRY, new Object[] {sample}, (Ack) reply -> {
            if (isOk(reply)) {
                onAcked.run();
            }
        });
        return true;
    }

    /** {@code p2p_health_report}: MUG's every-2-seconds report. */
    public boolean sendHealthReport(JSONObject report) {
        return emit(PeerEvents.P2P_HEALTH_REPORT, report);
    }

    /** {@code peer_event}: a session event this peer saw (switch, desync, episode end). */
    public boolean sendPeerEvent(String kind, JSONObject detail) {
        return emit(PeerEvents.PEER_EVENT, new JSONObject().put("kind", kind).put("detail", detail));
    }

    /** {@code p2p_connection_lost}: MUG's notice that the channel closed. */
    public boolean sendConnectionLost(int frame) {
        return emit(PeerEvents.P2P_CONNECTION_LOST, new JSONObject().put("game_id", gameId)
                .put("player_id", playerId).put("frame_number", frame).put("timestamp", System.currentTimeMillis()));
    }

    /**
     * {@code emit_episode_data}: one episode's confirmed CSV. The future completes true once the relay acknowledged
     * that the file is stored, false when it refused or the connection was not there (retry later). A partial episode
     * carries {@code partial: true} (relay-protocol.md).
     */
    public CompletableFuture<Boolean> sendEpisodeData(int episode, List<FrameRecord> rows, String csv,
                                                      boolean partial) {
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        if (!joined) {
            stored.complete(false);
            return stored;
        }
        JSONObject payload = new JSONObject().put("game_id", gameId).put("player_id", playerId)
                .put("episode", episode).put("format", "csv").put("data", csv);
        if (partial) {
            payload.put("partial", true);
        }
        socket.emit(PeerEvents.EMIT_EPISODE_DATA, new Object[] {payload}, (Ack) reply -> stored.complete(
                reply.length > 0 && reply[0] instanceof JSONObject json && "ok".equals(json.optString("status"))));
        return stored;
    }

    /**
     * Measurement hook: completes with {@link System#nanoTime()} when the next relayed input of the other seat
     * arrives (on the Socket.IO thread, before the peer loop sees it). Used to time a fallback switch.
     */
    public CompletableFuture<Long> nextRemoteActionNanos() {
        CompletableFuture<Long> next = new CompletableFuture<>();
        CompletableFuture<Long> previous = nextRemoteAction.getAndSet(next);
        if (previous != null) {
            previous.cancel(false);
        }
        return next;
    }

    /** Disconnects for good. Idempotent. */
    @Override
    public void close() {
        closed = true;
        joined = false;
        socket.close();
    }

    private boolean emit(String event, JSONObject payload) {
        if (!joined) {
            return false;
        }
        socket.emit(event, payload);
        return true;
    }

    private void wire() {
        socket.on(Socket.EVENT_CONNECT, args -> join());
        socket.on(Socket.EVENT_DISCONNECT, args -> {
            joined = false;
            inbox.add(new RelayInbound.Connection(false, "disconnected: " + (args.length > 0 ? args[0] : "")));
        });
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> {
            if (!closed) {
                inbox.add(new RelayInbound.Connection(false, "cannot reach the relay: "
                        + (args.length > 0 ? args[0] : "")));
            }
        });
        on(PeerEvents.PLAYER_ASSIGNED, json -> {
            gameId = json.getString("game_id");
            playerId = String.valueOf(json.get("player_id"));
            if (json.optString("seat_token", null) != null) {
                seatToken = json.getString("seat_token"); // only the first join of a seat carries one
            }
            joined = true;
            inbox.add(new RelayInbound.Assigned(gameId, playerId, json.optLong("game_seed", 0)));
        });
        on(PeerEvents.GAME_READY, json -> {
            JSONArray players = json.getJSONArray("players");
            List<String> ids = new ArrayList<>(players.length());
            for (int i = 0; i < players.length(); i++) {
                ids.add(String.valueOf(players.get(i)));
            }
            byte[] key = null;
            if (json.optString("p2p_key", null) != null) {
                try {
                    key = java.util.Base64.getDecoder().decode(json.getString("p2p_key"));
                    if (key.length < 16) {
                        LOG.warn("ignored a p2p_key of {} bytes from the relay (too short)", key.length);
                        key = null;
                    }
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignored a malformed p2p_key from the relay: {}", e.getMessage());
                }
            }
            inbox.add(new RelayInbound.GameReady(ids, key));
        });
        on(PeerEvents.OTHER_PLAYER_ACTION, json -> {
            CompletableFuture<Long> waiting = nextRemoteAction.getAndSet(null);
            if (waiting != null) {
                waiting.complete(System.nanoTime());
            }
            inbox.add(new RelayInbound.RemoteAction(String.valueOf(json.get("player_id")), json.getInt("frame_number"),
                    json.getInt("action"), json.optInt("sync_epoch", -1)));
        });
        on(PeerEvents.WEBRTC_SIGNAL, json -> inbox.add(new RelayInbound.Signal(
                String.valueOf(json.get("from_player_id")), json.getString("type"), json.optJSONObject("payload"))));
        on(PeerEvents.P2P_MESSAGE, json -> {
            if (json.opt("data") instanceof byte[] data) {
                inbox.add(new RelayInbound.P2pPacket(data));
            }
        });
        on(PeerEvents.ERROR, json -> inbox.add(new RelayInbound.Refused(json.optString("error"),
                json.optString("message"), json.optString("event"))));
        socket.on(PeerEvents.COMMAND, args -> {
            Ack ack = args.length > 1 && args[args.length - 1] instanceof Ack a ? a : null;
            if (args.length == 0 || !(args[0] instanceof JSONObject json) || ack == null) {
                LOG.warn("ignored a malformed {} from the relay", PeerEvents.COMMAND);
                return;
            }
            inbox.add(new RelayInbound.Command(json.optString("id"), json.optString("command"),
                    json.optJSONObject("args") == null ? new JSONObject() : json.getJSONObject("args"),
                    (ok, error) -> ack.call(ok ? new JSONObject().put("ok", true)
                            : new JSONObject().put("ok", false).put("error", error))));
        });
    }

    private void join() {
        JSONObject join = new JSONObject();
        if (gameId != null) {
            join.put("game_id", gameId);
        }
        if (playerId != null) {
            join.put("player_id", playerId);
        }
        if (subjectId != null) {
            join.put("subject_id", subjectId);
        }
        if (seatToken != null) {
            join.put("seat_token", seatToken);
        }
        socket.emit(PeerEvents.JOIN_GAME, new Object[] {join}, (Ack) reply -> {
            if (reply.length > 0 && reply[0] instanceof JSONObject json && json.optBoolean("ok")) {
                inbox.add(new RelayInbound.Connection(true, "joined " + json.optString("game_id") + " as "
                        + json.optString("player_id")));
            } else if (reply.length > 0 && reply[0] instanceof JSONObject json) {
                inbox.add(new RelayInbound.Connection(false, "join refused: " + json.optString("error") + ": "
                        + json.optString("message")));
            }
        });
    }

    /** Registers a handler for a JSON-object event; a malformed payload is logged and dropped, never thrown. */
    private void on(String event, Consumer<JSONObject> handler) {
        socket.on(event, args -> {
            try {
                if (args.length > 0 && args[0] instanceof JSONObject json) {
                    handler.accept(json);
                } else {
                    LOG.warn("ignored a {} from the relay without a JSON object", event);
                }
            } catch (RuntimeException e) {
                LOG.warn("ignored a malformed {} from the relay: {}", event, e.getMessage());
            }
        });
    }

    private static boolean isOk(Object[] reply) {
        return reply.length > 0 && reply[0] instanceof JSONObject json && json.optBoolean("ok", false);
    }
}
