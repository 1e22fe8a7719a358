package org.rollscope.netcode.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;

/**
 * The load driver's lean simulated peer ({@link SimulatedPeer} on {@link LeanSocketIo}) against a real relay on
 * loopback (port 0): it joins its seat, its samples reach an observer, it obeys and acknowledges a command, and it
 * answers engine.io's pings for many ping intervals. The relay pings every 100 ms and waits 500 ms for the answer; it
 * sends the next ping only once the last was answered, so the n-th ping answered proves the n - 1 before it arrived.
 * A connection of the same client that does not answer is closed by the relay (the deadline is real). Everything is
 * awaited as an event; the bounds are only there so that a broken build fails instead of hanging.
 */
class SimulatedPeerTest {
    private static final Duration PING_INTERVAL = Duration.ofMillis(100);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);
    /** 12 answered pings span more than 11 ping intervals (> 1.1 s): beyond interval + timeout (0.6 s). */
    private static final int PINGS = 12;
    private static final long BOUND_S = 30;

    @TempDir
    Path dataDir;

    @Test
    @Timeout(90)
    void leanPeerJoinsReportsObeysAndAnswersPingsLongerThanThePingInterval() throws Exception {
        RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir)
                .pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT).build());
        ScheduledExecutorService emitter = Executors.newSingleThreadScheduledExecutor();
        ExecutorService io = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().executor(io).build();
        BlockingQueue<JSONObject> received = new LinkedBlockingQueue<>();
        LeanObserver observer = null;
        SimulatedPeer seat0 = null;
        SimulatedPeer seat1 = null;
        LeanSocketIo silent = null;
        try {
            relay.start();
            observer = new LeanObserver(relay.url(), relay.observerToken(), text -> {
                JSONArray samples = new JSONObject(text).optJSONArray("samples");
                for (int i = 0; samples != null && i < samples.length(); i++) {
                    received.add(samples.getJSONObject(i));
                }
            });
            observer.connect(http).get(BOUND_S, TimeUnit.SECONDS);

            seat0 = new SimulatedPeer(relay.url(), "lean-1", "0", 10, 100, 60, emitter, http);
            seat1 = new SimulatedPeer(relay.url(), "lean-1", "1", 10, 100, 60, emitter, http);
            JSONObject ack0 = seat0.connectAndJoin().get(BOUND_S, TimeUnit.SECONDS);
            JSONObject ack1 = seat1.connectAndJoin().get(BOUND_S, TimeUnit.SECONDS);
            assertEquals("lean-1", ack0.getString("game_id"), ack0.toString());
            assertEquals("0", ack0.getString("player_id"), ack0.toString());
            assertEquals("1", ack1.getString("player_id"), ack1.toString());
            assertTrue(ack0.getString("seat_token").matches("[0-9a-f]{32}"), "first join gets a seat token: " + ack0);

            // Nothing but pongs from the peers from here on: the relay keeps pinging only if they answer.
            seat0.connection().awaitPingsAnswered(PINGS).get(BOUND_S, TimeUnit.SECONDS);
            seat1.connection().awaitPingsAnswered(PINGS).get(BOUND_S, TimeUnit.SECONDS);
            assertTrue(seat0.connected() && seat1.connected(), "still connected after " + PINGS + " pings");

            // A client that does not answer is dropped by the same relay: the deadline the peers met is real.
            silent = new LeanSocketIo(relay.url(), "/", null, (name, payload, ackId) -> { });
            silent.answerPings(false);
            silent.connect(http, Duration.ofSeconds(BOUND_S)).get(BOUND_S, TimeUnit.SECONDS);
            Object silentAck = silent.emitWithAck(SimulatedPeer.JOIN_GAME, "{\"game_id\":\"lean-2\"}")
                    .get(BOUND_S, TimeUnit.SECONDS);
            assertTrue(silentAck instanceof JSONObject o && o.optBoolean("ok"), "silent peer joined: " + silentAck);
            String why = silent.closed().get(BOUND_S, TimeUnit.SECONDS);
            assertEquals(0, silent.pingsAnswered());
            assertFalse(silent.connected(), why);
            assertTrue(seat0.connected() && seat1.connected(), "the answering peers outlived the silent one");

            // Their samples still reach the observer, whole and stamped with the sender's seat.
            seat0.emitSample();
            seat1.emitSample();
            seat0.emitSample();
            Map<String, JSONObject> bySeatAndSeq = new HashMap<>();
            while (bySeatAndSeq.size() < 3) {
                JSONObject sample = received.poll(BOUND_S, TimeUnit.SECONDS);
                assertTrue(sample != null, "samples missing at the observer: got " + bySeatAndSeq.keySet());
                if ("lean-1".equals(sample.optString("game_id"))) {
                    bySeatAndSeq.put(sample.getString("player_id") + "/" + sample.getLong("seq"), sample);
                }
            }
            assertEquals(Set.of("0/0", "1/0", "0/1"), bySeatAndSeq.keySet());
            JSONObject first = bySeatAndSeq.get("0/0");
            assertEquals("running", first.getString("state"), first.toString());
            assertEquals("p2p", first.getString("transport"), first.toString());
            assertEquals(2, seat0.samplesSent());
            assertTrue(seat0.sendNanos(0) > 0 && seat0.sendNanos(1) >= seat0.sendNanos(0));

            // A command reaches the peer, which acknowledges it and relays its inputs to the other seat.
            CompletableFuture<Long> relayed = seat1.awaitRelayedInput(1);
            CommandResult forced = observer.command(ObserverProtocol.FORCE_FALLBACK, "lean-1", "0")
                    .get(BOUND_S, TimeUnit.SECONDS);
            assertTrue(forced.ok(), "force_fallback acknowledged by the peer: " + forced);
            assertTrue(relayed.get(BOUND_S, TimeUnit.SECONDS) > 0);
            assertEquals(1, seat0.fallbackEpoch());
            CommandResult restored = observer.command(ObserverProtocol.RESTORE_P2P, "lean-1", "0")
                    .get(BOUND_S, TimeUnit.SECONDS);
            assertTrue(restored.ok(), "restore_p2p acknowledged: " + restored);
            assertTrue(seat0.connected() && seat1.connected());
        } finally {
            for (AutoCloseable c : new AutoCloseable[] {seat0, seat1, observer}) {
                if (c != null) {
                    c.close();
                }
            }
            if (silent != null) {
                silent.close();
            }
            emitter.shutdownNow();
            relay.close();
            io.shutdownNow();
        }
    }
}
