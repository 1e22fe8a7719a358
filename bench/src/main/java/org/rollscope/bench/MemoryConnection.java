package org.rollscope.bench;

import io.socket.engineio.server.EngineIoWebSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.relay.embed.EmbeddedSocketIoServer;

/**
 * An engine.io WebSocket connection held in memory: what the relay writes is counted (and the last text kept), what
 * a client would send is handed in with {@link #receive}, the way a Jetty WebSocket's frames go in (the relay's
 * one-parse way for {@code peer_telemetry} included: the connection has its own connection id). Answers engine.io's
 * pings itself, so that a long benchmark is not timed out. One client thread at a time; the relay may write from its
 * own threads.
 */
final class MemoryConnection extends EngineIoWebSocket {
    private final Map<String, String> query = new HashMap<>(Map.of("EIO", "4", "transport", "websocket"));
    private final Map<String, List<String>> headers = Map.of(EmbeddedSocketIoServer.REMOTE_ADDRESS_HEADER,
            List.of("127.0.0.1"), EmbeddedSocketIoServer.CONNECTION_HEADER, List.of(UUID.randomUUID().toString()));
    private volatile Consumer<String> intake = frame -> emit("message", frame);
    private volatile boolean pongOwed;
    private volatile long framesWritten;
    private volatile long charsWritten;
    private volatile String lastWritten = "";
    private volatile String lastAck = "";

    /** Opens this connection on {@code relay}; its frames then go in as a Jetty WebSocket's would. */
    MemoryConnection servedBy(RelayServer relay) {
        intake = relay.serveWithoutNetwork(this);
        return this;
    }

    /** A client's text frame (an engine.io packet), as Jetty would hand it to the relay. */
    void receive(String frame) {
        if (pongOwed) {
            pongOwed = false;
            intake.accept("3"); // engine.io PONG, as a client sends it: after the PING, not inside its write
        }
        intake.accept(frame);
    }

    long framesWritten() {
        return framesWritten;
    }

    long charsWritten() {
        return charsWritten;
    }

    String lastWritten() {
        return lastWritten;
    }

    /** The last Socket.IO acknowledgement written (engine.io MESSAGE + Socket.IO ACK: {@code 43<id>[...]}). */
    String lastAck() {
        return lastAck;
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
    public synchronized void write(String message) {
        framesWritten++;
        charsWritten += message.length();
        lastWritten = message;
        if (message.startsWith("43")) {
            lastAck = message;
        }
        if ("2".equals(message)) {
            // Answered with the next frame in, as a real client's PONG arrives after the PING was sent. A PONG handed
            // in here, inside engine.io's sendPing, would be overridden by the ping timeout sendPing sets after it:
            // the connection would be closed a ping timeout later unless other packets kept resetting it, and
            // peer_telemetry no longer does (it does not go through engine.io).
            pongOwed = true;
        }
    }

    @Override
    public synchronized void write(byte[] message) {
        framesWritten++;
        charsWritten += message.length;
    }

    @Override
    public void close() {
        emit("close");
    }
}
