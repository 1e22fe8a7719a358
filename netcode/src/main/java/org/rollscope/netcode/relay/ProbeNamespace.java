package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.json.JSONObject;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;

/**
 * The {@code /probe} namespace: MUG page probes, one seat per connection. A probe is seated at connect from its auth
 * payload (checked by {@link ProbeKeyCheck}: the probe key and the page's own MUG game and player id), so it can report
 * only for that seat, and the {@link CommandRouter} sends that seat's commands to it like to any peer. It may send
 * {@code peer_telemetry} (stamped {@code source: "mug-probe"} with its subject id) and {@code peer_event}; anything
 * else is refused. Handlers run on the probe's Jetty thread behind the same {@link EventBoundary} (size and rate
 * limits) as peers.
 */
final class ProbeNamespace {
    private static final Set<String> KNOWN = Set.of(PeerEvents.PEER_TELEMETRY, PeerEvents.PEER_EVENT);

    private final SessionRegistry registry;
    private final SeatAnnouncer announcer;
    private final EventBoundary boundary;
    private final ReportHandlers reports;
    private final ProbeKeyCheck keyCheck;
    private final TrafficCounters traffic;
    private final TelemetrySockets telemetry;
    private final boolean allowRestore;
    private final long maxEventBytes;

    ProbeNamespace(SessionRegistry registry, SeatAnnouncer announcer, EventBoundary boundary, ReportHandlers reports,
                   ProbeKeyCheck keyCheck, TrafficCounters traffic, TelemetrySockets telemetry, boolean allowRestore,
                   long maxEventBytes) {
        this.registry = registry;
        this.announcer = announcer;
        this.boundary = boundary;
        this.reports = reports;
        this.keyCheck = keyCheck;
        this.traffic = traffic;
        this.telemetry = telemetry;
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
            Outbox.refuseConnect(socket, ProbeProtocol.NAMESPACE, refusal);
            return;
        }
        ProbeKeyCheck.ProbeSeat claimed = ProbeKeyCheck.seatOf((JSONObject) auth);
        SessionRegistry.JoinOutcome outcome;
        try {
            outcome = registry.joinTrusted(claimed.gameId(), claimed.playerId(), claimed.subjectId(), socket,
                    System.currentTimeMillis());
        } catch (RelayRequestException e) { // game_full: two other seats already hold this MUG game
            boundary.refuse(socket, "connect", null, e.reason(), e.getMessage());
            socket.disconnect(true);
            return;
        }
        traffic.peersConnected.incrementAndGet();
        announcer.joined(outcome, "connect", Map.of("source", claimed.source()));
        List<String> unsupported = unsupportedCommands(claimed);
        telemetry.on(socket, maxEventBytes, // also for TelemetryShortcut: one handler
                (s, a, ack) -> reports.onProbeTelemetry(s, a, ack, claimed.source(), unsupported));
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

    /**
     * What the console must not offer for this seat: a page's probe cannot restore P2P (MUG latches its fallback)
     * unless the relay opted in; the MUG pilot reports only and takes no commands from the relay.
     */
    private List<String> unsupportedCommands(ProbeKeyCheck.ProbeSeat seat) {
        if (seat.isPilot()) {
            return List.of(ObserverProtocol.FORCE_FALLBACK, ObserverProtocol.RESTORE_P2P, ObserverProtocol.SET_LINK);
        }
        return allowRestore ? List.of() : List.of(ObserverProtocol.RESTORE_P2P);
    }

    private void onDisconnect(SocketIoSocket socket, String reason) {
        traffic.peersConnected.decrementAndGet();
        boundary.forget(socket.getId());
        announcer.left(socket, reason);
    }

}
