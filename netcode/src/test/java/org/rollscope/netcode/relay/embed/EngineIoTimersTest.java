package org.rollscope.netcode.relay.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.socketio.server.SocketIoSocket;
import java.time.Duration;
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

            EngineIoTestClient answering = new EngineIoTestClient(url, true);
            int sent = 3_000;
            for (int i = 0; i < sent; i++) {
                answering.send("42[\"tick\"," + i + "]");
            }
            until(() -> ticks.get() == sent, () -> ticks.get() + " of " + sent + " packets handled");
            // One connection holds one ping (or ping timeout) and one ping timeout: never the ~3,000 cancelled ones.
            assertTrue(server.engineIoTimersQueued() <= 4, server.engineIoTimersQueued() + " tasks queued");

            until(() -> answering.pings.get() >= 5, () -> answering.pings.get() + " pings answered, open " + answering.isOpen() + ", received " + answering.received.size() + " " + answering.received.subList(Math.max(0, answering.received.size() - 3), answering.received.size()));
            assertTrue(answering.isOpen(), "a client that answers every ping stays connected");

            EngineIoTestClient silent = new EngineIoTestClient(url, false);
            until(() -> !silent.isOpen(), () -> "a client that never answers a ping is still open");
            assertTrue(answering.isOpen(), "the answering client is still connected");
            assertEquals(sent, ticks.get());
            answering.close();
            silent.close();
        }
    }

    private static void until(BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        EngineIoTestClient.until(WAIT, condition, state);
    }
}
