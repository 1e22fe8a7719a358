package org.rollscope.netcode.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONArray;
import org.json.JSONException;

/**
 * A minimal Socket.IO v5 client over engine.io v4, WebSocket transport only, on {@link java.net.http.WebSocket}: what
 * the load driver's simulated peers need and nothing else. One namespace per connection; events out with or without
 * an acknowledgement, events in (with the relay's ack id, to answer), acknowledgements in, engine.io pings answered
 * at once. No reconnection: a connection that closes stays closed (the load driver counts it as lost).
 *
 * <p>What goes on the wire is what socket.io-client-java 2.x writes for the same calls: the handshake
 * {@code GET /socket.io/?EIO=4&transport=websocket}, then {@code 40} (or {@code 40/ns,} with the auth object after
 * it), events {@code 42["name",payload]} ({@code 42<id>[...]} when an ack is asked), acks {@code 43<id>[reply]},
 * {@code 3} for each {@code 2}. Binary packets are not supported (the relay sends them only in answer to binary
 * packets, which this client never sends); they are ignored.
 *
 * <p>Threads: no thread of its own. Incoming frames are handled on the {@link HttpClient}'s executor, one at a time per
 * connection; {@link Handler} callbacks run there and must not block. Sends never block: frames are queued per
 * connection and handed to the WebSocket one at a time (it admits one outstanding send), the next when the last
 * completes. Every method may be called from any thread.
 */
final class LeanSocketIo implements WebSocket.Listener {
    /** What the connection hands on. Called on the HTTP client's executor; must not block. */
    interface Handler {
        /**
         * An event from the server.
         *
         * @param payload the first argument (a {@code JSONObject}, another JSON value, or null when there is none)
         * @param ackId the id to pass to {@link #ack}, or -1 when the server asked for no acknowledgement
         */
        void onEvent(String name, Object payload, int ackId);

        /**
         * Offered each event before it is parsed: return true to take it as text (its one argument's JSON, e.g. a
         * telemetry batch, which the load driver scans instead of parsing) and skip {@link #onEvent}.
         */
        default boolean onRawEvent(String name, String argumentJson, int ackId) {
            return false;
        }

        /** The connection closed (by either side, or failed); called once. */
        default void onClosed(String reason) {
        }
    }

    /** A frame waiting for its turn; {@code onSend} runs just before the WebSocket takes it (e.g. to time it). */
    private record Outgoing(String text, Runnable onSend) {
    }

    private final URI uri;
    private final String namespace;
    private final String authJson;
    private final Handler handler;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Map<Integer, CompletableFuture<Object>> pendingAcks = new ConcurrentHashMap<>();
    private final AtomicInteger nextAckId = new AtomicInteger();
    private final AtomicLong pingsAnswered = new AtomicLong();
    private final Queue<PingWait> pingWaits = new ConcurrentLinkedQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean answerPings = true;
    private volatile WebSocket webSocket;

    private record PingWait(long count, CompletableFuture<Void> reached) {
    }

    /**
     * @param serverUrl the relay's {@code http://host:port} (or https)
     * @param namespace {@code /} or e.g. {@code /observer}
     * @param authJson the CONNECT packet's auth object as JSON text, or null for none
     */
    LeanSocketIo(String serverUrl, String namespace, String authJson, Handler handler) {
        String base = serverUrl.replaceFirst("^http", "ws");
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.uri = URI.create(base + "/socket.io/?EIO=4&transport=websocket");
        this.namespace = namespace;
        this.authJson = authJson;
        this.handler = handler;
    }

    /**
     * Opens the WebSocket, waits for engine.io's open packet and connects the namespace. Completes once the server
     * accepted the namespace connect; fails with its refusal or the connection error.
     */
    CompletableFuture<Void> connect(HttpClient http, Duration timeout) {
        http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(uri, this).whenComplete((ws, error) -> {
            if (error != null) {
                fail("could not connect to " + uri + ": " + rootMessage(error));
            }
        });
        return connected;
    }

    /** Completes with the reason once the connection is closed. */
    CompletableFuture<String> closed() {
        return closed;
    }

    boolean connected() {
        return connected.isDone() && !connected.isCompletedExceptionally() && !closed.isDone();
    }

    /** Sends {@code name} with one argument, JSON text written by the caller. Never blocks. */
    void emit(String name, String payloadJson) {
        emit(name, payloadJson, null);
    }

    /** As {@link #emit(String, String)}; {@code onSend} runs just before the frame is handed to the WebSocket. */
    void emit(String name, String payloadJson, Runnable onSend) {
        send(new Outgoing(eventPacket(name, payloadJson, -1), onSend));
    }

    /** Sends {@code name} and completes with the first argument of the server's acknowledgement. Never blocks. */
    CompletableFuture<Object> emitWithAck(String name, String payloadJson) {
        int id = nextAckId.getAndIncrement();
        CompletableFuture<Object> reply = new CompletableFuture<>();
        pendingAcks.put(id, reply);
        send(new Outgoing(eventPacket(name, payloadJson, id), null));
        return reply;
    }

    /** Acknowledges the server's event {@code ackId} with one argument, JSON text. */
    void ack(int ackId, String replyJson) {
        send(new Outgoing("43" + nsPrefix() + ackId + "[" + replyJson + "]", null));
    }

    /** Engine.io pings answered so far. */
    long pingsAnswered() {
        return pingsAnswered.get();
    }

    /** Completes once {@code count} pings have been answered (the server sends the next only after an answer). */
    CompletableFuture<Void> awaitPingsAnswered(long count) {
        PingWait wait = new PingWait(count, new CompletableFuture<>());
        pingWaits.add(wait);
        releasePingWaits();
        return wait.reached();
    }

    /** For tests: stop answering engine.io's pings (the server must then close the connection). */
    void answerPings(boolean answer) {
        answerPings = answer;
    }

    /** Leaves the namespace and closes the WebSocket. Idempotent; never blocks. */
    void close() {
        WebSocket ws = webSocket;
        if (ws != null && !closed.isDone()) {
            send(new Outgoing("41" + nsPrefix().replace(",", ""), null));
            send(new Outgoing(null, null)); // the close frame, after what is queued
        }
        closed.complete("closed by the client");
        connected.completeExceptionally(new IllegalStateException("closed before connecting"));
    }

    // --- WebSocket.Listener (the HTTP client's executor, one call at a time for this connection) ---

    @Override
    public void onOpen(WebSocket ws) {
        this.webSocket = ws;
        if (closed.isDone()) {
            ws.abort(); // closed while the handshake was under way
            return;
        }
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else if (partial.length() > 0) {
            partial.append(data);
            String whole = partial.toString();
            partial.setLength(0);
            onEngineIoPacket(whole);
        } else {
            onEngineIoPacket(data.toString());
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        ws.request(1); // binary attachments: never asked for, ignored
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        fail("closed by the server (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        fail("connection error: " + rootMessage(error));
    }

    private void onEngineIoPacket(String packet) {
        if (packet.isEmpty()) {
            return;
        }
        switch (packet.charAt(0)) {
            case '0' -> send(new Outgoing("40" + nsPrefix() + (authJson == null ? "" : authJson), null)); // open
            case '1' -> fail("engine.io close from the server");
            case '2' -> { // ping: answer at once, ahead of nothing else (frames are sent in order)
                if (answerPings) {
                    send(new Outgoing("3" + packet.substring(1), () -> {
                        pingsAnswered.incrementAndGet();
                        releasePingWaits();
                    }));
                }
            }
            case '4' -> onSocketIoPacket(packet.substring(1));
            default -> { } // 3 pong, 5 upgrade, 6 noop: nothing to do on a WebSocket-only client
        }
    }

    private void onSocketIoPacket(String packet) {
        if (packet.isEmpty()) {
            return;
        }
        char type = packet.charAt(0);
        int i = 1;
        String ns = "/";
        if (i < packet.length() && packet.charAt(i) == '/') {
            int comma = packet.indexOf(',', i);
            int end = comma < 0 ? packet.length() : comma;
            ns = packet.substring(i, end);
            i = comma < 0 ? packet.length() : comma + 1;
        }
        if (!ns.equals(namespace)) {
            return;
        }
        int id = -1;
        int digitsFrom = i;
        while (i < packet.length() && Character.isDigit(packet.charAt(i))) {
            i++;
        }
        if (i > digitsFrom) {
            id = Integer.parseInt(packet.substring(digitsFrom, i));
        }
        String data = packet.substring(i);
        switch (type) {
            case '0' -> connected.complete(null);
            case '1' -> fail("disconnected by the server");
            case '2' -> onEvent(data, id);
            case '3' -> onAck(data, id);
            case '4' -> {
                connected.completeExceptionally(new IllegalStateException("refused: " + data));
                closeQuietly();
            }
            default -> { } // 5, 6: binary event / ack, not supported
        }
    }

    private void onEvent(String data, int id) {
        // ["name",<one argument>]: names never need escaping (ours and the relay's are [a-z_])
        if (data.startsWith("[\"")) {
            int endOfName = data.indexOf('"', 2);
            if (endOfName > 2 && data.startsWith(",", endOfName + 1) && data.endsWith("]")
                    && handler.onRawEvent(data.substring(2, endOfName), data.substring(endOfName + 2,
                            data.length() - 1), id)) {
                return;
            }
        }
        JSONArray args;
        try {
            args = new JSONArray(data);
        } catch (JSONException e) {
            return; // not a Socket.IO event; the relay never sends one
        }
        if (args.isEmpty() || !(args.opt(0) instanceof String name)) {
            return;
        }
        handler.onEvent(name, args.length() > 1 ? args.opt(1) : null, id);
    }

    private void onAck(String data, int id) {
        CompletableFuture<Object> reply = pendingAcks.remove(id);
        if (reply == null) {
            return;
        }
        try {
            JSONArray args = new JSONArray(data);
            reply.complete(args.isEmpty() ? null : args.opt(0));
        } catch (JSONException e) {
            reply.completeExceptionally(new IllegalStateException("malformed acknowledgement: " + data));
        }
    }

    // --- sending: one frame outstanding at a time, the next when it completes ---

    private void send(Outgoing frame) {
        if (closed.isDone() && frame.text() != null) {
            return;
        }
        outbox.add(frame);
        pump();
    }

    private void pump() {
        WebSocket ws = webSocket;
        if (ws == null) {
            return; // onOpen pumps nothing: the first frame is sent in answer to the open packet
        }
        while (sending.compareAndSet(false, true)) {
            Outgoing next = outbox.poll();
            if (next == null) {
                sending.set(false);
                if (outbox.isEmpty()) {
                    return;
                }
                continue; // a frame was queued between the poll and the reset
            }
            if (next.onSend() != null) {
                next.onSend().run();
            }
            CompletableFuture<WebSocket> sent = next.text() == null
                    ? ws.sendClose(WebSocket.NORMAL_CLOSURE, "")
                    : ws.sendText(next.text(), true);
            if (sent.isDone() && !sent.isCompletedExceptionally()) {
                sending.set(false);
                continue;
            }
            sent.whenComplete((w, error) -> {
                if (error != null) {
                    outbox.clear();
                    fail("send failed: " + rootMessage(error));
                    return; // sending stays set: nothing more goes out on a failed connection
                }
                sending.set(false);
                pump();
            });
            return;
        }
    }

    private void releasePingWaits() {
        long answered = pingsAnswered.get();
        pingWaits.removeIf(wait -> {
            if (answered >= wait.count()) {
                wait.reached().complete(null);
                return true;
            }
            return false;
        });
    }

    private void fail(String reason) {
        connected.completeExceptionally(new IllegalStateException(reason));
        if (closed.complete(reason)) {
            IllegalStateException gone = new IllegalStateException("connection closed: " + reason);
            pendingAcks.values().forEach(f -> f.completeExceptionally(gone));
            pendingAcks.clear();
            pingWaits.forEach(w -> w.reached().completeExceptionally(gone));
            pingWaits.clear();
            handler.onClosed(reason);
        }
        closeQuietly();
    }

    private void closeQuietly() {
        WebSocket ws = webSocket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.abort();
        }
    }

    private String eventPacket(String name, String payloadJson, int ackId) {
        StringBuilder packet = new StringBuilder(payloadJson.length() + name.length() + 16).append("42")
                .append(nsPrefix());
        if (ackId >= 0) {
            packet.append(ackId);
        }
        return packet.append("[\"").append(name).append("\",").append(payloadJson).append(']').toString();
    }

    private String nsPrefix() {
        return "/".equals(namespace) ? "" : namespace + ",";
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
}
