package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;

/**
 * The one way the relay writes to a Socket.IO connection. A Socket.IO packet with binary data leaves as several
 * Engine.IO frames (a header, then each attachment); two threads writing to one connection at once could interleave
 * them and corrupt the stream. So every write to a connection, acknowledgements included, holds that connection's
 * lock (its {@code SocketIoClient}, shared by all its namespaces). Writes never block: Jetty queues the frames.
 */
final class Outbox {

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
}
