package org.rollscope.netcode.relay.embed;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import io.socket.engineio.server.utils.ParseQS;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds one Jetty WebSocket connection into engine.io: frames in become {@code emit("message", ...)}, engine.io's
 * writes become Jetty sends. One instance per WebSocket.
 *
 * <p>Threads: frames are read on Jetty's selecting thread ({@link SelectorReadingConnector}). A text frame the
 * owner declared non-blocking ({@code runsOnSelector}, e.g. a telemetry sample) is handled right there; every other
 * frame, and the close, goes to Jetty's pool, because its handler may wait on the disk. The next frame is read only
 * once the previous one was handled (explicit demand), and all of one connection's work runs in order through its
 * {@link FrameLane}, so engine.io and Socket.IO handlers of one connection still run one at a time, in order.
 * {@link #write} is called by whichever thread emits to this connection; it never blocks (Jetty queues the frame). A
 * frame that cannot be queued (the client does not read) closes the connection: a half-written Socket.IO binary
 * packet would corrupt the stream, and the client resynchronises on reconnect.
 *
 * <p>Public only because Jetty builds method handles on the listener class; not an API.
 */
public final class JettyEngineIoWebSocket extends EngineIoWebSocket implements Session.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(JettyEngineIoWebSocket.class);

    private final Map<String, String> query;
    private final Map<String, List<String>> headers;
    private final ConnectGate gate;
    private final EngineIoServer engineIo;
    private final Predicate<String> runsOnSelector;
    private final FrameLane lane;
    private final TextFrameShortcut shortcut;
    private final String connectionId;
    private volatile Session session;
    private final WebSocketBacklogs backlogs;
    /** Text handed to Jetty and not written yet (see {@link WebSocketBacklogs}); set before the session. */
    private volatile AtomicLong unsentChars = new AtomicLong();

    /**
     * @param gate sees every inbound text frame before engine.io and may refuse a namespace connect
     * @param runsOnSelector true for a text frame whose whole handling never blocks: handled on the reading thread
     * @param pool runs every other frame's handling, and the close
     * @param shortcut may take a text frame after the gate, instead of engine.io (the relay's hot packet)
     */
    JettyEngineIoWebSocket(String queryString, Map<String, List<String>> headers, ConnectGate gate,
                           EngineIoServer engineIo, Predicate<String> runsOnSelector, Executor pool,
                           TextFrameShortcut shortcut, WebSocketBacklogs backlogs) {
        this.engineIo = engineIo;
        this.backlogs = backlogs;
        this.shortcut = shortcut;
        this.connectionId = headers.get(EmbeddedSocketIoServer.CONNECTION_HEADER).get(0);
        this.runsOnSelector = runsOnSelector;
        this.lane = new FrameLane(pool);
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
            int chars = message.length();
            unsentChars.addAndGet(chars);
            s.sendText(message, Callback.from(() -> unsentChars.addAndGet(-chars), failure -> {
                unsentChars.addAndGet(-chars);
                onSendFailed(failure);
            }));
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
        this.unsentChars = backlogs.opened(connectionId);
        this.session = session;
        // Only now can engine.io write its OPEN packet; handing it the socket earlier would lose that packet.
        engineIo.handleWebSocket(this);
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        Runnable handle = () -> {
            try {
                // After the gate, the shortcut may take the frame (the relay's hot packet, parsed once; see
                // TextFrameShortcut); anything it leaves goes to engine.io as before.
                if (gate.admit(message, headers, this::write) && !shortcut.tryHandle(connectionId, message)) {
                    emit("message", message);
                }
            } finally {
                demandNext();
            }
        };
        if (runsOnSelector.test(message)) {
            lane.runHereOrQueue(handle);
        } else {
            lane.runOnPool(handle);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        callback.succeed();
        lane.runOnPool(() -> {
            try {
                emit("message", (Object) bytes);
            } finally {
                demandNext();
            }
        });
    }

    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        // A listener that demands explicitly also answers pings itself (Jetty only does it for auto-demanding ones).
        Session s = session;
        s.sendPong(payload, Callback.from(() -> { }, this::onSendFailed));
        s.demand();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        session.demand();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        backlogs.closed(connectionId);
        lane.runOnPool(() -> emit("close")); // the disconnect handlers write the journal; after any queued frame
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("websocket error", cause);
        lane.runOnPool(() -> emit("error", "websocket error", String.valueOf(cause.getMessage())));
    }

    private void demandNext() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.demand();
        }
    }

    private void onSendFailed(Throwable cause) {
        LOG.debug("websocket send failed, closing the connection", cause);
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
    }
}
