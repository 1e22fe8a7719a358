package org.rollscope.netcode.relay.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.socketio.server.SocketIoSocket;
import io.socket.socketio.server.SocketIoSocket.ReceivedByLocalAcknowledgementCallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a WebSocket frame's handlers run: a frame declared non-blocking on the selecting thread that read it, with no
 * hand-off to another thread; any other frame on the pool, where it may wait (on the disk, say) without holding up
 * other connections; and one connection's frames and its close always in the order they came.
 */
class WebSocketFrameThreadsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private EmbeddedSocketIoServer server;
    private String url;
    private final Set<Thread> fastThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger fastHandled = new AtomicInteger();
    private final CountDownLatch slowMayFinish = new CountDownLatch(1);
    private final List<String> order = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        HttpLimits limits = new HttpLimits(256, 256, 65_536, 65_536, Duration.ofSeconds(15), Duration.ofSeconds(30),
                65_536, Duration.ofSeconds(25), Duration.ofSeconds(20));
        server = new EmbeddedSocketIoServer("127.0.0.1", 0, limits, (ns, auth) -> null,
                frame -> frame.contains("[\"fast\""));
        server.socketIo().namespace("/").on("connection", args -> {
            SocketIoSocket socket = (SocketIoSocket) args[0];
            socket.on("fast", a -> {
                fastThreads.add(Thread.currentThread());
                fastHandled.incrementAndGet();
                acknowledge(a, "fast");
            });
            socket.on("slow", a -> {
                try {
                    slowMayFinish.await(30, TimeUnit.SECONDS); // as a handler waiting on the disk would
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("slow handled");
                acknowledge(a, "slow");
            });
            socket.on("disconnect", a -> order.add("disconnect"));
        });
        server.start();
        url = "ws://127.0.0.1:" + server.boundAddress().getPort() + "/socket.io/?EIO=4&transport=websocket";
    }

    @AfterEach
    void stop() {
        slowMayFinish.countDown();
        server.close();
    }

    private static void acknowledge(Object[] args, String what) {
        if (args.length > 0 && args[args.length - 1] instanceof ReceivedByLocalAcknowledgementCallback ack) {
            ack.sendAcknowledgement(what);
        }
    }

    @Test
    void nonBlockingFramesAreHandledOnTheSelectingThreadsOnly() throws Exception {
        List<EngineIoTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(new EngineIoTestClient(url, true));
        }
        int perClient = 30;
        for (int round = 0; round < perClient; round++) {
            for (EngineIoTestClient client : clients) {
                client.send("42[\"fast\"," + round + "]");
            }
        }
        int expected = clients.size() * perClient;
        EngineIoTestClient.until(WAIT, () -> fastHandled.get() == expected, () -> fastHandled.get() + " of " + expected);
        // Handed off, each frame would run on whichever pool thread took it (Jetty rotates the selecting role among
        // its threads, one hand-off per frame): dozens of threads for 600 frames.
        assertTrue(fastThreads.size() <= server.selectorCount(), fastThreads.size() + " threads ran 600 frames on "
                + server.selectorCount() + " selector(s): " + fastThreads);
        clients.forEach(EngineIoTestClient::close);
    }

    @Test
    void aFrameThatWaitsHoldsOnlyItsOwnConnectionAndKeepsItsOrder() throws Exception {
        EngineIoTestClient waiting = new EngineIoTestClient(url, true);
        EngineIoTestClient other = new EngineIoTestClient(url, true);
        waiting.send("421[\"slow\"]");
        waiting.send("422[\"fast\"]");
        other.send("421[\"fast\"]");
        EngineIoTestClient.until(WAIT, () -> other.received.contains("431[\"fast\"]"), other.received::toString);
        assertFalse(waiting.received.stream().anyMatch(f -> f.startsWith("43")),
                "the waiting connection's next frame was handled before the one it waits on: " + waiting.received);

        slowMayFinish.countDown();
        EngineIoTestClient.until(WAIT, () -> waiting.received.contains("432[\"fast\"]"), waiting.received::toString);
        List<String> acks = waiting.received.stream().filter(f -> f.startsWith("43")).toList();
        assertEquals(List.of("431[\"slow\"]", "432[\"fast\"]"), acks);
        waiting.close();
        other.close();
    }

    @Test
    void aCloseComesAfterTheFrameBeforeIt() throws Exception {
        EngineIoTestClient client = new EngineIoTestClient(url, true);
        client.send("42[\"slow\"]");
        client.close(); // while the slow frame waits
        Thread.sleep(200); // time for a close that overtook it to be handled
        slowMayFinish.countDown();
        EngineIoTestClient.until(WAIT, () -> order.contains("disconnect"), order::toString);
        assertEquals(List.of("slow handled", "disconnect"), order);
    }

    @Test
    void aWebSocketPingIsAnsweredAndFramesKeepComing() throws Exception {
        EngineIoTestClient client = new EngineIoTestClient(url, true);
        client.sendWebSocketPing();
        EngineIoTestClient.until(WAIT, () -> client.pongs.get() == 1, () -> "no pong");
        client.send("427[\"fast\"]");
        EngineIoTestClient.until(WAIT, () -> client.received.contains("437[\"fast\"]"), client.received::toString);
        client.close();
    }
}
