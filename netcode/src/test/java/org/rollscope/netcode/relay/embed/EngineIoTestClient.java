package org.rollscope.netcode.relay.embed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A bare engine.io v4 / Socket.IO v5 WebSocket client on the default namespace, for the embedded server's tests. */
final class EngineIoTestClient {
    private static final Duration WAIT = Duration.ofSeconds(20);

    final WebSocket ws;
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger pings = new AtomicInteger();
    final AtomicInteger pongs = new AtomicInteger();
    /** One send at a time: the JDK's WebSocket refuses a send while another is in flight (pongs included). */
    final ExecutorService sender = Executors.newSingleThreadExecutor();
    volatile boolean closed;

    /** Connects to {@code url} (a {@code ws://.../socket.io/?EIO=4&transport=websocket} URL) and the namespace. */
    EngineIoTestClient(String url, boolean answerPings) throws Exception {
        ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                String frame = data.toString();
                if (frame.equals("2")) {
                    if (answerPings) {
                        sender.execute(() -> sendNow(socket, "3")); // never block the listener
                        pings.incrementAndGet();
                    }
                } else {
                    received.add(frame);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPong(WebSocket socket, java.nio.ByteBuffer message) {
                pongs.incrementAndGet();
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                closed = true;
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed = true;
            }
        }).get(10, TimeUnit.SECONDS);
        until(WAIT, () -> received.stream().anyMatch(f -> f.startsWith("0{")), received::toString);
        send("40");
        until(WAIT, () -> received.stream().anyMatch(f -> f.startsWith("40{")), received::toString);
    }

    /** Sends one text frame; returns once the JDK has written it. */
    void send(String frame) throws Exception {
        sender.submit(() -> sendNow(ws, frame)).get(10, TimeUnit.SECONDS);
    }

    /** Sends a WebSocket ping frame (not engine.io's ping). */
    void sendWebSocketPing() throws Exception {
        sender.submit(() -> ws.sendPing(java.nio.ByteBuffer.wrap(new byte[] {7})).get(10, TimeUnit.SECONDS))
                .get(10, TimeUnit.SECONDS);
    }

    private static void sendNow(WebSocket socket, String frame) {
        try {
            socket.sendText(frame, true).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send " + frame, e);
        }
    }

    void close() {
        ws.abort();
        sender.shutdownNow();
    }

    boolean isOpen() {
        return !closed && !ws.isInputClosed();
    }

    static void until(Duration wait, BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait + ": " + state.get());
            }
            Thread.sleep(10);
        }
    }
}
