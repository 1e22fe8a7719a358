package org.rollscope.netcode.relay.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.socketio.server.SocketIoSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The server's {@link TextFrameShortcut}: it sees a WebSocket's text frames under the connection id that Socket.IO's
 * sockets of that connection see in their initial headers, a frame it takes never reaches engine.io, and no client
 * can choose the id (a client-sent header of that name is dropped on both transports).
 */
class TextFrameShortcutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void theShortcutSeesTheConnectionIdOfTheSocketsAndNoClientCanSetIt() throws Exception {
        Map<String, String> framesById = new ConcurrentHashMap<>();
        TextFrameShortcut shortcut = (id, frame) -> {
            framesById.merge(id, frame, (a, b) -> a + " " + b);
            return frame.contains("take-me");
        };
        List<List<String>> idsSeenBySockets = new CopyOnWriteArrayList<>();
        AtomicInteger ticks = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        HttpLimits limits = new HttpLimits(64, 64, 65_536, 65_536, Duration.ofSeconds(15), Duration.ofSeconds(30),
                65_536, Duration.ofSeconds(25), Duration.ofSeconds(20));
        try (EmbeddedSocketIoServer server = new EmbeddedSocketIoServer("127.0.0.1", 0, limits, (ns, auth) -> null,
                frame -> frame.contains("take-me"), shortcut)) { // taken on the selecting thread, the rest on the pool
            server.socketIo().namespace("/").on("connection", args -> {
                SocketIoSocket socket = (SocketIoSocket) args[0];
                List<String> id = socket.getInitialHeaders().get(EmbeddedSocketIoServer.CONNECTION_HEADER);
                idsSeenBySockets.add(id == null ? List.of() : List.copyOf(id));
                socket.on("tick", a -> ticks.incrementAndGet());
                socket.on("take-me", a -> taken.incrementAndGet());
            });
            server.start();
            String base = "127.0.0.1:" + server.boundAddress().getPort() + "/socket.io/?EIO=4&transport=";

            List<String> received = new CopyOnWriteArrayList<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header(EmbeddedSocketIoServer.CONNECTION_HEADER, "forged")
                    .buildAsync(URI.create("ws://" + base + "websocket"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            received.add(data.toString());
                            socket.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            until(() -> received.stream().anyMatch(f -> f.startsWith("0{")));
            ws.sendText("40", true).get(10, TimeUnit.SECONDS);
            until(() -> idsSeenBySockets.size() == 1);
            ws.sendText("42[\"take-me\"]", true).get(10, TimeUnit.SECONDS);
            ws.sendText("42[\"tick\"]", true).get(10, TimeUnit.SECONDS);
            until(() -> ticks.get() == 1);
            List<String> id = idsSeenBySockets.get(0);
            assertEquals(1, id.size(), "one id, the server's");
            assertNotEquals("forged", id.get(0));
            assertEquals(Map.of(id.get(0), "40 42[\"take-me\"] 42[\"tick\"]"), framesById,
                    "the shortcut saw every frame under the sockets' connection id");
            assertEquals(0, taken.get(), "a frame the shortcut took never reached Socket.IO");
            ws.abort();

            io.socket.client.IO.Options options = new io.socket.client.IO.Options();
            options.transports = new String[] {"polling"};
            options.forceNew = true;
            options.reconnection = false;
            options.extraHeaders = Map.of(EmbeddedSocketIoServer.CONNECTION_HEADER, List.of("forged"));
            io.socket.client.Socket polling = io.socket.client.IO.socket(
                    URI.create("http://127.0.0.1:" + server.boundAddress().getPort()), options);
            polling.connect();
            until(() -> idsSeenBySockets.size() == 2);
            assertEquals(List.of(), idsSeenBySockets.get(1), "long-polling connections carry no connection id");
            assertNull(framesById.get("forged"));
            polling.close();
        }
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(10);
        }
    }
}
