package org.rollscope.netcode.relay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * A Socket.IO v4 client written by hand over the JDK's WebSocket, for values the real client library cannot even
 * encode (it overflows its stack on 1,500-deep nesting): the test writes the packet text itself. Default namespace
 * only; answers Engine.IO pings.
 */
final class RawSocketIo implements AutoCloseable {
    private final WebSocket ws;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextAck = new AtomicInteger(1);

    private RawSocketIo(String url, String connectPacket, String connectedPrefix) throws Exception {
        StringBuilder partial = new StringBuilder();
        WebSocket.Listener listener = new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    if (frame.equals("2")) {
                        socket.sendText("3", true);
                    }
                    received.add(frame);
                }
                socket.request(1);
                return null;
            }
        };
        this.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"),
                        listener).get(10, TimeUnit.SECONDS);
        Await.until(TestPeer.WAIT, () -> received.stream().anyMatch(f -> f.startsWith("0{")), received::toString);
        ws.sendText(connectPacket, true).get(10, TimeUnit.SECONDS);
        Await.until(TestPeer.WAIT, () -> received.stream().anyMatch(f -> f.startsWith(connectedPrefix)),
                received::toString);
    }

    static RawSocketIo connect(String url) throws Exception {
        return new RawSocketIo(url, "40", "40{");
    }

    /**
     * Connects to {@code namespace} (not the default one) with {@code authJson}, e.g. a MUG probe on {@code /probe}:
     * only that namespace is joined on this connection.
     */
    static RawSocketIo connect(String url, String namespace, String authJson) throws Exception {
        return new RawSocketIo(url, "40" + namespace + "," + authJson, "40" + namespace + ",{");
    }

    /** Sends one text frame as it is (an engine.io packet). */
    void send(String frame) throws Exception {
        ws.sendText(frame, true).get(10, TimeUnit.SECONDS);
    }

    /** Every frame received so far, engine.io pings included, in order. */
    List<String> frames() {
        return List.copyOf(received);
    }

    /** Waits for a frame that starts with {@code prefix}, received after the first {@code skip} frames. */
    String awaitFrom(int skip, String prefix) {
        CompletableFuture<String> found = new CompletableFuture<>();
        Await.until(Duration.ofSeconds(10), () -> received.stream().skip(skip).filter(f -> f.startsWith(prefix))
                .findFirst().map(found::complete).orElse(false), () -> "no " + prefix + "; received " + tail());
        return found.join();
    }

    /** Sends {@code 42<id>["event", <payloadJson>]} and waits for its ack; returns the ack's first argument. */
    JSONObject emitAck(String event, String payloadJson) throws Exception {
        int id = nextAck.getAndIncrement();
        ws.sendText("42" + id + "[" + JSONObject.quote(event) + "," + payloadJson + "]", true)
                .get(10, TimeUnit.SECONDS);
        String prefix = "43" + id + "[";
        CompletableFuture<String> found = new CompletableFuture<>();
        Await.until(Duration.ofSeconds(10), () -> received.stream().filter(f -> f.startsWith(prefix)).findFirst()
                .map(found::complete).orElse(false), () -> "no ack " + id + "; received " + tail());
        return new JSONArray(found.get().substring(prefix.length() - 1)).getJSONObject(0);
    }

    boolean isOpen() {
        return !ws.isOutputClosed() && !ws.isInputClosed();
    }

    private String tail() {
        String all = received.toString();
        return all.length() > 500 ? all.substring(all.length() - 500) : all;
    }

    @Override
    public void close() {
        ws.abort();
    }
}
