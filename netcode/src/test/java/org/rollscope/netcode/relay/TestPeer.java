package org.rollscope.netcode.relay;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.json.JSONObject;

/**
 * A real Socket.IO client (websocket only) that records every event it receives, for relay tests. It can answer
 * {@code rollscope_command} with a chosen acknowledgement, or not at all.
 */
final class TestPeer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    final Socket socket;
    private final Map<String, List<Object[]>> received = new ConcurrentHashMap<>();
    private volatile Function<JSONObject, JSONObject> commandReply = command -> new JSONObject().put("ok", true);

    private TestPeer(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the default namespace and waits until connected. */
    static TestPeer connect(String url) {
        return connect(url, "/", null, true);
    }

    static TestPeer connect(String url, String namespace, Map<String, String> auth, boolean waitConnected) {
        return connect(url, namespace, auth, waitConnected, "websocket");
    }

    /** {@code transport} "polling" only to test the server's long-polling path; real clients use websocket. */
    static TestPeer connect(String url, String namespace, Map<String, String> auth, boolean waitConnected,
                            String transport) {
        IO.Options options = new IO.Options();
        options.transports = new String[] {transport};
        options.forceNew = true;
        options.reconnection = false;
        options.auth = auth;
        Socket socket = IO.socket(URI.create(url + namespace), options);
        TestPeer peer = new TestPeer(socket);
        socket.onAnyIncoming(args -> peer.record(String.valueOf(args[0]), java.util.Arrays.copyOfRange(args, 1,
                args.length)));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> peer.record(Socket.EVENT_CONNECT_ERROR, args));
        socket.on(Socket.EVENT_CONNECT, args -> peer.record(Socket.EVENT_CONNECT, args));
        socket.on(Socket.EVENT_DISCONNECT, args -> peer.record(Socket.EVENT_DISCONNECT, args));
        socket.on("rollscope_command", args -> {
            Function<JSONObject, JSONObject> reply = peer.commandReply;
            JSONObject answer = reply.apply((JSONObject) args[0]);
            if (answer != null && args[args.length - 1] instanceof io.socket.client.Ack ack) {
                ack.call(answer);
            }
        });
        socket.connect();
        if (waitConnected) {
            Await.until(WAIT, socket::connected, () -> "not connected; events " + peer.received.keySet());
        }
        return peer;
    }

    /** What to acknowledge a command with; {@code null} means never acknowledge. */
    void answerCommandsWith(Function<JSONObject, JSONObject> reply) {
        this.commandReply = reply;
    }

    private void record(String event, Object[] args) {
        received.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(args);
    }

    List<Object[]> received(String event) {
        return received.getOrDefault(event, List.of());
    }

    /** Waits for the n-th (1-based) occurrence of an event and returns its first argument. */
    Object awaitNth(String event, int n) {
        Await.until(WAIT, () -> received(event).size() >= n,
                () -> event + " x" + received(event).size() + ", all: " + summary());
        Object[] args = received(event).get(n - 1);
        return args.length == 0 ? null : args[0];
    }

    JSONObject await(String event) {
        return (JSONObject) awaitNth(event, 1);
    }

    /** All first arguments of an event received so far. */
    List<JSONObject> all(String event) {
        List<JSONObject> out = new ArrayList<>();
        for (Object[] args : received(event)) {
            out.add((JSONObject) args[0]);
        }
        return out;
    }

    void emit(String event, Object... args) {
        socket.emit(event, args);
    }

    /** Emits with an acknowledgement and waits for it. */
    JSONObject emitAck(String event, Object payload) {
        CompletableFuture<JSONObject> ack = new CompletableFuture<>();
        socket.emit(event, new Object[] {payload}, reply -> ack.complete((JSONObject) reply[0]));
        try {
            return ack.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(event + " was not acknowledged; received " + summary(), e);
        }
    }

    /** join_game and wait for the assignment. */
    JSONObject join(JSONObject request) {
        JSONObject ack = emitAck("join_game", request);
        if (!ack.optBoolean("ok")) {
            throw new AssertionError("join refused: " + ack);
        }
        return ack;
    }

    String summary() {
        StringBuilder s = new StringBuilder("{");
        received.forEach((event, list) -> s.append(event).append('×').append(list.size()).append(' '));
        return s.append('}').toString();
    }

    @Override
    public void close() {
        socket.close();
    }
}
