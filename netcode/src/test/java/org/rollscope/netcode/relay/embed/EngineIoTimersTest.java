package org.rollscope.netcode.relay.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.socketio.server.SocketIoSocket;
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
import org.junit.jupiter.api.Test;

/**
 * engine.io reschedules a connection's ping timeout on every packet it receives. On the relay's scheduler a
 * cancelled timeout leaves the queue at once (it used to stay until it fell due and woke a thread for nothing), and
 * pings and ping timeouts still work: a client that answers stays, one that does not is closed.
 */
class EngineIoTimersTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void cancelledPingTimeoutsLeaveTheQueueAndPingsStillWork() throws Exception {
        HttpLimits limits = new HttpLimits(64, 64, 65_536, 65_536, Duration.ofSeconds(15), Duration.ofSeconds(30),
                65_536, Duration.ofMillis(200), Duration.ofSeconds(2));
        AtomicInteger ticks = new AtomicInteger();
        try (EmbeddedSocketIoServer server = new EmbeddedSocketIoServer("127.0.0.1", 0, limits, (ns, auth) -> null)) {
            server.socketIo().namespace("/").on("connection", args ->
                    ((SocketIoSocket) args[0]).on("tick", a -> ticks.incrementAndGet()));
            server.start();
            String url = "ws://127.0.0.1:" + server.boundAddress().getPort() + "/socket.io/?EIO=4&transport=websocket";

            Client answering = new Client(url, true);
            int sent = 3_000;
            for (int i = 0; i < sent; i++) {
                answering.send("42[\"tick\"," + i + "]");
            }
            until(() -> ticks.get() == sent, () -> ticks.get() + " of " + sent + " packets handled");
            // One connection holds one ping (or ping timeout) and one ping timeout: never the ~3,000 cancelled ones.
            assertTrue(server.engineIoTimersQueued() <= 4, server.engineIoTimersQueued() + " tasks queued");

            until(() -> answering.pings.get() >= 5, () -> answering.pings.get() + " pings answered, open " + answering.isOpen() + ", received " + answering.received.size() + " " + answering.received.subList(Math.max(0, answering.received.size() - 3), answering.received.size()));
            assertTrue(answering.isOpen(), "a client that answers every ping stays connected");

            Client silent = new Client(url, false);
            until(() -> !silent.isOpen(), () -> "a client that never answers a ping is still open");
            assertTrue(answering.isOpen(), "the answering client is still connected");
            assertEquals(sent, ticks.get());
            answering.close();
            silent.close();
        }
    }

    private static void until(BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + state.get());
            }
            Thread.sleep(10);
        }
    }

    /** A bare engine.io v4 / Socket.IO v5 WebSocket client on the default namespace. */
    private static final class Client {
        final WebSocket ws;
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger pings = new AtomicInteger();
        final boolean answerPings;
        /** One send at a time: the JDK's WebSocket refuses a send while another is in flight (pongs included). */
        final ExecutorService sender = Executors.newSingleThreadExecutor();
        volatile boolean closed;

        Client(String url, boolean answerPings) throws Exception {
            this.answerPings = answerPings;
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
                public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
                    closed = true;
                    return null;
                }

                @Override
                public void onError(WebSocket socket, Throwable error) {
                    closed = true;
                }
            }).get(10, TimeUnit.SECONDS);
            until(() -> received.stream().anyMatch(f -> f.startsWith("0{")), received::toString);
            send("40");
            until(() -> received.stream().anyMatch(f -> f.startsWith("40{")), received::toString);
        }

        void send(String frame) throws Exception {
            sender.submit(() -> sendNow(ws, frame)).get(10, TimeUnit.SECONDS);
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
    }
}
