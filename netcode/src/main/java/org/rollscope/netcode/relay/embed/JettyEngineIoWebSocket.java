package org.rollscope.netcode.relay.embed;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import io.socket.engineio.server.utils.ParseQS;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one Jetty WebSocket connection into engine.io: frames in become {@code emit("message", ...)}, engine.io's
 * writes become Jetty sends. One instance per WebSocket.
 *
 * <p>Threads: Jetty calls the {@code onWebSocket*} methods one at a time per connection (auto-demand: the next frame
 * is read only after the previous callback returned), so engine.io and Socket.IO handlers of one connection run
 * sequentially on Jetty's pool. {@link #write} is called by whichever thread emits to this connection; it never
 * blocks (Jetty queues the frame). A frame that cannot be queued (the client does not read) closes the connection:
 * a half-written Socket.IO binary packet would corrupt the stream, and the client resynchronises on reconnect.
 *
 * <p>Public only because Jetty builds method handles on the listener class; not an API.
 */
public final class JettyEngineIoWebSocket extends EngineIoWebSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(JettyEngineIoWebSocket.class);

    private final Map<String, String> query;
    private final Map<String, List<String>> headers;
    private final ConnectGate gate;
    private final EngineIoServer engineIo;
    private volatile Session session;

    /** @param gate sees every inbound text frame before engine.io and may refuse a namespace connect */
    JettyEngineIoWebSocket(String queryString, Map<String, List<String>> headers, ConnectGate gate,
                           EngineIoServer engineIo) {
        this.engineIo = engineIo;
        this.query = queryString == null ? new HashMap<>() : ParseQS.decode(queryString);
        this.headers = headers;
        this.gate = gate;
    }

    @Override
    public Map<String, String> getQuery() {
        return query;
    }

    @Override
    public Map<String, List<String>> getConnectionHeaders() {
        return headers;
    }

    @Override
    public void write(String message) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendText(message, Callback.from(() -> { }, this::onSendFailed));
        }
    }

    @Override
    public void write(byte[] message) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendBinary(ByteBuffer.wrap(message), Callback.from(() -> { }, this::onSendFailed));
        }
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close();
        }
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        // Only now can engine.io write its OPEN packet; handing it the socket earlier would lose that packet.
        engineIo.handleWebSocket(this);
    }

    @Override
    public void onWebSocketText(String message) {
        if (gate.admit(message, headers, this::write)) {
            emit("message", message);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        emit("message", (Object) bytes);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        emit("close");
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("websocket error", cause);
        emit("error", "websocket error", String.valueOf(cause.getMessage()));
    }

    private void onSendFailed(Throwable cause) {
        LOG.debug("websocket send failed, closing the connection", cause);
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
    }
}
