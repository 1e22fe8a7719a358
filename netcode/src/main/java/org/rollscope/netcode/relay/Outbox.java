package org.rollscope.netcode.relay;

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
