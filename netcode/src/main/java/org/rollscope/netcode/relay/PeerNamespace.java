package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoSocket;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;
import org.rollscope.netcode.json.JsonValue;

/**
 * The default namespace {@code /}, where peers meet: joining a game ({@code join_game} → MUG's
 * {@code pyodide_player_assigned} and {@code pyodide_game_ready}), the relay path, reports, and the refusal of
 * observer commands and unknown events. Handlers run on the sender's Jetty thread behind {@link EventBoundary}.
 */
final class PeerNamespace {
    private final SessionRegistry registry;
    private final SeatAnnouncer announcer;
    private final EventBoundary boundary;
    private final RelayPathHandlers relayPath;
    private final ReportHandlers reports;
    private final TrafficCounters traffic;
    private final TelemetrySockets telemetry;
    private final long maxEventBytes;
    private final long maxEpisodeBytes;

    PeerNamespace(SessionRegistry registry, SeatAnnouncer announcer, EventBoundary boundary,
                  RelayPathHandlers relayPath, ReportHandlers reports, TrafficCounters traffic,
                  TelemetrySockets telemetry, long maxEventBytes, long maxEpisodeBytes) {
        this.registry = registry;
        this.announcer = announcer;
        this.boundary = boundary;
        this.relayPath = relayPath;
        this.reports = reports;
        this.traffic = traffic;
        this.telemetry = telemetry;
        this.maxEventBytes = maxEventBytes;
        this.maxEpisodeBytes = maxEpisodeBytes;
    }

    void attach(SocketIoNamespace namespace) {
        namespace.on("connection", args -> onConnection((SocketIoSocket) args[0]));
    }

    private void onConnection(SocketIoSocket socket) {
        traffic.peersConnected.incrementAndGet();
        boundary.on(socket, PeerEvents.JOIN_GAME, maxEventBytes, this::onJoin);
        boundary.on(socket, PeerEvents.PLAYER_ACTION, maxEventBytes, relayPath::onPlayerAction);
        boundary.on(socket, PeerEvents.WEBRTC_SIGNAL, maxEventBytes, relayPath::onSignal);
        boundary.on(socket, PeerEvents.P2P_MESSAGE, maxEventBytes, relayPath::onP2pMessage);
        telemetry.on(socket, maxEventBytes, reports::onTelemetry); // also for TelemetryShortcut: one handler
        boundary.on(socket, PeerEvents.P2P_HEALTH_REPORT, maxEventBytes, reports::onHealthReport);
        boundary.on(socket, PeerEvents.P2P_CONNECTION_LOST, maxEventBytes, reports::onConnectionLost);
        boundary.on(socket, PeerEvents.PEER_EVENT, maxEventBytes, reports::onPeerEvent);
        boundary.on(socket, PeerEvents.EMIT_EPISODE_DATA, maxEpisodeBytes, reports::onEpisodeData);
        for (String command : PeerEvents.COMMANDS) {
            boundary.on(socket, command, maxEventBytes, (s, a, ack) -> {
                throw new RelayRequestException(RejectReason.COMMAND_FROM_PEER,
                        command + " is an observer command; peers cannot send it");
            });
        }
        socket.registerAllEventListener((event, args) -> {
            if (!PeerEvents.KNOWN.contains(event)) {
                boundary.run(socket, event, maxEventBytes, args, (s, a, ack) -> {
                    throw new RelayRequestException(RejectReason.UNKNOWN_EVENT,
                            "the relay does not know " + Payloads.quote(event));
                });
            }
        });
        socket.on("disconnect", args -> onDisconnect(socket, args.length > 0 ? String.valueOf(args[0]) : "closed"));
    }

    /** {@code join_game {game_id?, player_id?, subject_id?}}; acknowledged {@code {ok, game_id, player_id}}. */
    private void onJoin(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = args.length == 0 ? JsonValue.Obj.EMPTY : Payloads.object(PeerEvents.JOIN_GAME, args);
        String gameId = Payloads.optId(in, "game_id");
        String playerId = Payloads.optId(in, "player_id");
        String subjectId = Payloads.optId(in, "subject_id");
        String seatToken = Payloads.optId(in, "seat_token");
        if (gameId != null) {
            SafeIds.require("game_id", gameId);
        }
        if (playerId != null) {
            SafeIds.require("player_id", playerId);
        }
        if (subjectId != null && subjectId.length() > 256) {
            throw Payloads.malformed("subject_id is longer than 256 characters");
        }
        SessionRegistry.JoinOutcome outcome = registry.join(gameId, playerId, subjectId, seatToken, socket,
                System.currentTimeMillis());
        Seat seat = outcome.seat();
        GameSession session = seat.session();
        announcer.joined(outcome, PeerEvents.JOIN_GAME, Map.of());

        JSONObject assigned = new JSONObject().put("player_id", seat.playerId())
                .put("game_id", session.gameId()).put("game_seed", session.gameSeed())
                .put("num_players", GameSession.SEATS);
        JSONObject joinAck = new JSONObject().put("ok", true).put("game_id", session.gameId())
                .put("player_id", seat.playerId()).put("game_seed", session.gameSeed());
        if (outcome.seatToken() != null) { // only to the seat's first holder, only on its own connection
            assigned.put("seat_token", outcome.seatToken());
            joinAck.put("seat_token", outcome.seatToken());
        }
        Outbox.send(socket, PeerEvents.PLAYER_ASSIGNED, assigned);
        ack.send(joinAck);
        if (outcome.becameReady()) {
            JSONObject ready = gameReady(session);
            for (int i = 0; i < GameSession.SEATS; i++) {
                SocketIoSocket holder = session.seat(i).socket();
                if (holder != null) {
                    Outbox.send(holder, PeerEvents.GAME_READY, ready);
                }
            }
        } else if (outcome.rejoin() && session.isReady()) {
            Outbox.send(socket, PeerEvents.GAME_READY, gameReady(session)); // only the returning peer needs it
        }
    }

    private void onDisconnect(SocketIoSocket socket, String reason) {
        traffic.peersConnected.decrementAndGet();
        boundary.forget(socket.getId());
        announcer.left(socket, reason);
    }

    private static JSONObject gameReady(GameSession session) {
        JSONArray players = new JSONArray();
        JSONObject subjects = new JSONObject();
        for (int i = 0; i < GameSession.SEATS; i++) {
            Seat seat = session.seat(i);
            players.put(seat.playerId());
            subjects.put(seat.playerId(), seat.subjectId() == null ? JSONObject.NULL : seat.subjectId());
        }
        // p2p_key goes only to the seat holders (this event is sent to nobody else): see relay-protocol.md.
        return new JSONObject().put("game_id", session.gameId()).put("players", players)
                .put("player_subjects", subjects).put("p2p_key", session.p2pKeyBase64());
    }

}
