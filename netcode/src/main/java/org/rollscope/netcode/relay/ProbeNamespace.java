package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoSocket;
import io.socket.socketio.server.parser.Packet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.json.JSONObject;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * The {@code /probe} namespace: MUG page probes, one seat per connection. A probe is seated at connect from its auth
 * payload (checked by {@link ProbeKeyCheck}: the probe key and the page's own MUG game and player id), so it can report
 * only for that seat, and the {@link CommandRouter} sends that seat's commands to it like to any peer. It may send
 * {@code peer_telemetry} (stamped {@code source: "mug-probe"} with its subject id) and {@code peer_event}; anything
 * else is refused. Handlers run on the probe's Jetty thread behind the same {@link EventBoundary} (size and rate
 * limits) as peers.
 */
final class ProbeNamespace {
    /** Socket.IO's CONNECT_ERROR packet type. */
    private static final int CONNECT_ERROR = 4;
    private static final Set<String> KNOWN = Set.of(PeerEvents.PEER_TELEMETRY, PeerEvents.PEER_EVENT);

    private final SessionRegistry registry;
    private final ObserverHub hub;
    private final EventBoundary boundary;
    private final ReportHandlers reports;
    private final ProbeKeyCheck keyCheck;
    private final TrafficCounters traffic;
    private final boolean allowRestore;
    private final long maxEventBytes;

    ProbeNamespace(SessionRegistry registry, ObserverHub hub, EventBoundary boundary, ReportHandlers reports,
                   ProbeKeyCheck keyCheck, TrafficCounters traffic, boolean allowRestore, long maxEventBytes) {
        this.registry = registry;
        this.hub = hub;
        this.boundary = boundary;
        this.reports = reports;
        this.keyCheck = keyCheck;
        this.traffic = traffic;
        this.allowRestore = allowRestore;
        this.maxEventBytes = maxEventBytes;
    }

    void attach(SocketIoNamespace namespace) {
        namespace.on("connection", args -> onConnection((SocketIoSocket) args[0]));
    }

    private void onConnection(SocketIoSocket socket) {
        // WebSocket connects were checked before the server accepted them (ConnectGate); this catches long-polling.
        Object auth = socket.getConnectData();
        String refusal = keyCheck.refusal(auth);
        if (refusal != null) {
            refuseConnect(socket, refusal);
            return;
        }
        ProbeKeyCheck.ProbeSeat claimed = ProbeKeyCheck.seatOf((JSONObject) auth);
        SessionRegistry.JoinOutcome outcome;
        try {
            outcome = registry.join(claimed.gameId(), claimed.playerId(), claimed.subjectId(), socket,
                    System.currentTimeMillis());
        } catch (RelayRequestException e) { // game_full: two other seats already hold this MUG game
            boundary.refuse(socket, "connect", null, e.reason(), e.getMessage());
            socket.disconnect(true);
            return;
        }
        traffic.peersConnected.incrementAndGet();
        announce(outcome);
        List<String> unsupported = allowRestore ? List.of() : List.of(ObserverProtocol.RESTORE_P2P);
        boundary.on(socket, PeerEvents.PEER_TELEMETRY, maxEventBytes,
                (s, a, ack) -> reports.onProbeTelemetry(s, a, ack, unsupported));
        boundary.on(socket, PeerEvents.PEER_EVENT, maxEventBytes, reports::onPeerEvent);
        socket.registerAllEventListener((event, args) -> {
            if (!KNOWN.contains(event)) {
                boundary.run(socket, event, maxEventBytes, args, (s, a, ack) -> {
                    throw new RelayRequestException(RejectReason.UNKNOWN_EVENT,
                            "a probe may send peer_telemetry and peer_event only, not " + event);
                });
            }
        });
        socket.on("disconnect", args -> onDisconnect(socket, args.length > 0 ? String.valueOf(args[0]) : "closed"));
        Outbox.send(socket, ProbeProtocol.CONFIG_EVENT, new JSONObject().put("allow_restore", allowRestore));
    }

    private void announce(SessionRegistry.JoinOutcome outcome) {
        Seat seat = outcome.seat();
        String gameId = seat.session().gameId();
        if (outcome.displaced() != null) { // the page reloaded, or the same page loaded the probe in a new socket
            publish(gameId, seat.playerId(), SessionEvent.KIND_LEFT, Map.of("reason", "replaced"));
            Outbox.send(outcome.displaced(), EventBoundary.ERROR_EVENT, new JSONObject().put("error", "replaced")
                    .put("message", "another probe took over player " + seat.playerId()).put("event", "connect"));
            outcome.displaced().disconnect(true);
        }
        if (outcome.sessionCreated()) {
            publish(gameId, null, SessionEvent.KIND_CREATED, Map.of("source", PeerSample.SOURCE_MUG_PROBE));
        }
        Map<String, Object> joined = new LinkedHashMap<>();
        joined.put("seat", seat.index());
        joined.put("rejoin", outcome.rejoin());
        joined.put("source", PeerSample.SOURCE_MUG_PROBE);
        if (seat.subjectId() != null) {
            joined.put("subject_id", seat.subjectId());
        }
        publish(gameId, seat.playerId(), SessionEvent.KIND_JOINED, joined);
    }

    private void onDisconnect(SocketIoSocket socket, String reason) {
        traffic.peersConnected.decrementAndGet();
        boundary.forget(socket.getId());
        Seat seat = registry.leave(socket.getId());
        if (seat == null) {
            return; // displaced by a newer probe for the same seat: already announced
        }
        GameSession session = seat.session();
        publish(session.gameId(), seat.playerId(), SessionEvent.KIND_LEFT, Map.of("reason", reason));
        if (session.isEnded() && !session.anyConnected()) {
            publish(session.gameId(), null, SessionEvent.KIND_ENDED, Map.of("reason", "all_left"));
        }
    }

    private static void refuseConnect(SocketIoSocket socket, String refusal) {
        Packet<JSONObject> packet = new Packet<>(CONNECT_ERROR, new JSONObject().put("message", refusal));
        packet.nsp = ProbeProtocol.NAMESPACE;
        synchronized (socket.getClient()) {
            socket.getClient().sendPacket(packet);
        }
        socket.disconnect(false);
    }

    private void publish(String gameId, String playerId, String kind, Map<String, Object> detail) {
        hub.publish(new SessionEvent(gameId, playerId, System.currentTimeMillis(), kind, detail));
    }
}
