package org.rollscope.netcode.relay;

import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.ReadyState;
import io.socket.socketio.server.SocketIoSocket;
import io.socket.socketio.server.parser.Packet;
import org.json.JSONObject;

/**
 * The one way the relay writes to a Socket.IO connection. A Socket.IO packet with binary data leaves as several
 * Engine.IO frames (a header, then each attachment); two threads writing to one connection at once could interleave
 * them and corrupt the stream. So every write to a connection, acknowledgements included, holds that connection's
 * lock (its {@code SocketIoClient}, shared by all its namespaces). Writes never block: Jetty queues the frames.
 */
final class Outbox {
    /** Socket.IO's CONNECT_ERROR packet type. */
    private static final int CONNECT_ERROR = 4;

    private Outbox() {
    }

    static void send(SocketIoSocket socket, String event, Object... args) {
        synchronized (socket.getClient()) {
            socket.send(event, args);
        }
    }

    /**
     * Socket.IO's text encoding of an EVENT packet with one argument, for {@link #sendEventFrame}: type 2, the
     * namespace and a comma (unless the default one), then {@code [event, payload]}.
     *
     * @param event a name of this relay's protocol (nothing to escape)
     */
    static String eventFrame(String namespace, String event, EncodedJson payload) {
        StringBuilder out = new StringBuilder(payload.length() + namespace.length() + event.length() + 8).append('2');
        if (!"/".equals(namespace)) {
            out.append(namespace).append(',');
        }
        return out.append("[\"").append(event).append("\",").append(payload.toJSONString()).append(']').toString();
    }

    /**
     * Sends an EVENT packet encoded once by {@link #eventFrame} for many connections (a telemetry batch goes to
     * every observer), as {@link #send} would but without Socket.IO's encoder, which writes the whole packet again
     * for each connection and formats a log line of it even when logging is off: most of the fan-out's cost in the
     * profile (docs/relay-performance.md). Dropped, as Socket.IO drops it, when the connection is no longer open.
     */
    static void sendEventFrame(SocketIoSocket socket, String frame) {
        synchronized (socket.getClient()) {
            EngineIoSocket connection = socket.getClient().getConnection();
            if (connection.getReadyState() == ReadyState.OPEN) {
                connection.send(new io.socket.engineio.server.parser.Packet<>(
                        io.socket.engineio.server.parser.Packet.MESSAGE, frame));
            }
        }
    }

    static void sendWithAck(SocketIoSocket socket, String event, Object[] args,
                            SocketIoSocket.ReceivedByRemoteAcknowledgementCallback ack) {
        synchronized (socket.getClient()) {
            socket.send(event, args, ack);
        }
    }

    static void acknowledge(SocketIoSocket socket, SocketIoSocket.ReceivedByLocalAcknowledgementCallback ack,
                            Object... args) {
        if (ack == null) {
            return;
        }
        synchronized (socket.getClient()) {
            ack.sendAcknowledgement(args);
        }
    }

    /**
     * Refuses a namespace connect the server already accepted (a long-polling client, which {@code ConnectGate}
     * cannot see): Socket.IO's CONNECT_ERROR packet with {@code {message}}, then a disconnect. Clients report it as
     * {@code connect_error} without retrying.
     */
    static void refuseConnect(SocketIoSocket socket, String namespace, String message) {
        Packet<JSONObject> packet = new Packet<>(CONNECT_ERROR, new JSONObject().put("message", message));
        packet.nsp = namespace;
        synchronized (socket.getClient()) {
            socket.getClient().sendPacket(packet);
        }
        socket.disconnect(false);
    }
}
