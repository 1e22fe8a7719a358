package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollscope.netcode.relay.embed.EmbeddedSocketIoServer;

/**
 * Which namespace socket of a WebSocket connection takes its {@code peer_telemetry}, and with which handler: what
 * {@link TelemetryShortcut} needs to hand a frame it parsed itself to the same handler, behind the same
 * {@link EventBoundary}, that socket.io-server would have called. The namespaces register their telemetry handler
 * here ({@link #on}), once for both ways in; a socket leaves when it disconnects, as it leaves socket.io-server's own
 * table of the connection's namespaces.
 *
 * <p>Connections are named by {@link EmbeddedSocketIoServer#CONNECTION_HEADER}, which only the server sets and only
 * on WebSocket connections; a socket without it (long-polling, or a WebSocket upgraded from long-polling, whose
 * initial headers are the polling request's) is not registered, and its frames all take the usual way.
 *
 * <p>Thread-safe: sockets come and go on their connections' threads, lookups run on every connection's.
 */
final class TelemetrySockets {

    /** One namespace socket's telemetry: its handler and its byte limit, as given to {@link EventBoundary#on}. */
    record Binding(SocketIoSocket socket, long maxBytes, EventBoundary.Handler handler) {
    }

    private final EventBoundary boundary;
    private final Map<String, Map<String, Binding>> byConnection = new ConcurrentHashMap<>();

    TelemetrySockets(EventBoundary boundary) {
        this.boundary = boundary;
    }

    /**
     * Registers {@code handler} for {@code peer_telemetry} on {@code socket} behind the boundary (socket.io-server's
     * way in), and the same for {@link TelemetryShortcut} when the socket's connection can be named.
     */
    void on(SocketIoSocket socket, long maxBytes, EventBoundary.Handler handler) {
        boundary.on(socket, PeerEvents.PEER_TELEMETRY, maxBytes, handler);
        List<String> header = socket.getInitialHeaders().get(EmbeddedSocketIoServer.CONNECTION_HEADER);
        if (header == null || header.size() != 1) {
            return;
        }
        String connection = header.get(0);
        String namespace = socket.getNamespace().getName();
        Binding binding = new Binding(socket, maxBytes, handler);
        byConnection.computeIfAbsent(connection, c -> new ConcurrentHashMap<>()).put(namespace, binding);
        socket.on("disconnect", args -> byConnection.computeIfPresent(connection, (c, sockets) -> {
            sockets.remove(namespace, binding);
            return sockets.isEmpty() ? null : sockets;
        }));
    }

    /** The binding of {@code namespace} on that connection, or {@code null} (not joined, or not registered). */
    Binding find(String connectionId, String namespace) {
        Map<String, Binding> sockets = byConnection.get(connectionId);
        return sockets == null ? null : sockets.get(namespace);
    }
}
