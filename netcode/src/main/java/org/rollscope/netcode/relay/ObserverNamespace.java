package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoSocket;
import org.json.JSONObject;
import org.rollscope.netcode.json.JsonValue;
import org.rollscope.netcode.observer.ObserverProtocol;

/**
 * The {@code /observer} namespace (telemetry.md §3): token-checked connects, a snapshot on connect, and the
 * commands {@code force_fallback}, {@code restore_p2p}, {@code set_link}, {@code request_snapshot}, and the archive's
 * reads ({@link ArchiveQueries}), each answered through its Socket.IO ack. Handlers run on the observer's Jetty thread behind {@link EventBoundary}; command
 * acknowledgements arrive later from the peers' threads or the timer thread.
 */
final class ObserverNamespace {
    private final ObserverHub hub;
    private final CommandRouter commands;
    private final EventBoundary boundary;
    private final TokenCheck tokenCheck;
    private final long maxEventBytes;
    private final ArchiveQueries archive;

    ObserverNamespace(ObserverHub hub, CommandRouter commands, EventBoundary boundary, TokenCheck tokenCheck,
                      long maxEventBytes, ArchiveQueries archive) {
        this.archive = archive;
        this.hub = hub;
        this.commands = commands;
        this.boundary = boundary;
        this.tokenCheck = tokenCheck;
        this.maxEventBytes = maxEventBytes;
    }

    void attach(SocketIoNamespace namespace) {
        namespace.on("connection", args -> onConnection((SocketIoSocket) args[0]));
    }

    private void onConnection(SocketIoSocket socket) {
        // WebSocket connects were already checked before the server accepted them (ConnectGate); this catches
        // clients on long-polling, which the gate cannot see.
        String refusal = tokenCheck.refusal(ObserverProtocol.NAMESPACE, socket.getConnectData());
        if (refusal != null) {
            Outbox.refuseConnect(socket, ObserverProtocol.NAMESPACE, refusal);
            return;
        }
        for (String command : new String[] {ObserverProtocol.FORCE_FALLBACK, ObserverProtocol.RESTORE_P2P,
                ObserverProtocol.SET_LINK}) {
            boundary.on(socket, command, maxEventBytes, (s, args, ack) -> onCommand(command, args, ack));
        }
        boundary.on(socket, ObserverProtocol.REQUEST_SNAPSHOT, maxEventBytes, (s, args, ack) -> {
            hub.sendSnapshot(s);
            ack.send(new JSONObject().put("ok", true));
        });
        boundary.on(socket, ObserverProtocol.ARCHIVE_SESSIONS, maxEventBytes, archive::onSessions);
        boundary.on(socket, ObserverProtocol.ARCHIVE_TIMELINE, maxEventBytes, archive::onTimeline);
        socket.registerAllEventListener((event, args) -> {
            if (!isKnown(event)) {
                boundary.run(socket, event, maxEventBytes, args, (s, a, ack) -> {
                    throw new RelayRequestException(RejectReason.UNKNOWN_EVENT, "the relay does not know " + Payloads.quote(event));
                });
            }
        });
        socket.on("disconnect", args -> {
            hub.removeObserver(socket.getId());
            boundary.forget(socket.getId());
        });
        hub.addObserver(socket);
    }

    private void onCommand(String command, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj payload = Payloads.object(command, args);
        commands.route(command, payload).whenComplete((result, error) -> {
            if (error != null) { // not expected: route's futures complete normally
                ack.send(EventBoundary.refusal(RejectReason.INTERNAL, String.valueOf(error)));
            } else {
                ack.send(ObserverProtocol.toJson(result));
            }
        });
    }

    private static boolean isKnown(String event) {
        return ObserverProtocol.FORCE_FALLBACK.equals(event) || ObserverProtocol.RESTORE_P2P.equals(event)
                || ObserverProtocol.SET_LINK.equals(event) || ObserverProtocol.REQUEST_SNAPSHOT.equals(event)
                || ObserverProtocol.ARCHIVE_SESSIONS.equals(event) || ObserverProtocol.ARCHIVE_TIMELINE.equals(event);
    }
}
