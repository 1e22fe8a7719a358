package org.rollscope.netcode.relay;

import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.ReadyState;
import io.socket.socketio.server.SocketIoSocket;
import io.socket.socketio.server.parser.Packet;
import io.socket.socketio.server.parser.Parser;
import io.socket.socketio.server.utils.HasBinary;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * The acknowledgement of an event that {@link TelemetryShortcut} read itself: what socket.io-server's
 * {@code SocketIoSocket} would have given the handler for the same packet, with the same effect on the wire, an ACK
 * packet {@code 3[namespace,]<id>[args...]}. The text is written here, as socket.io-server's encoder writes it
 * (without the two log lines it formats for every packet even when logging is off); arguments with binary data go
 * through socket.io-server's encoder, which splits them into attachments. Like the library's, called under the
 * connection's lock ({@link Outbox#acknowledge}).
 */
final class PacketAck implements SocketIoSocket.ReceivedByLocalAcknowledgementCallback {
    private final SocketIoSocket socket;
    private final String namespace;
    private final int id;

    PacketAck(SocketIoSocket socket, String namespace, int id) {
        this.socket = socket;
        this.namespace = namespace;
        this.id = id;
    }

    @Override
    public void sendAcknowledgement(Object... args) {
        JSONArray data = new JSONArray();
        for (Object arg : args == null ? new Object[0] : args) {
            if (!(arg == null || arg == JSONObject.NULL || arg instanceof CharSequence || arg instanceof Number
                    || arg instanceof Boolean || arg instanceof JSONObject || arg instanceof JSONArray
                    || arg instanceof byte[])) {
                throw new IllegalArgumentException("args contain invalid data type."); // as socket.io-server says
            }
            data.put(arg == null ? JSONObject.NULL : arg);
        }
        if (HasBinary.hasBinary(data)) {
            Packet<JSONArray> packet = new Packet<>(Parser.ACK, data);
            packet.id = id;
            packet.nsp = namespace;
            socket.getClient().sendPacket(packet);
            return;
        }
        StringBuilder text = new StringBuilder(64).append(Parser.ACK);
        if (!"/".equals(namespace)) {
            text.append(namespace).append(',');
        }
        text.append(id).append(data);
        EngineIoSocket connection = socket.getClient().getConnection();
        if (connection.getReadyState() == ReadyState.OPEN) { // socket.io-server drops it otherwise, too
            connection.send(new io.socket.engineio.server.parser.Packet<>(
                    io.socket.engineio.server.parser.Packet.MESSAGE, text.toString()));
        }
    }
}
