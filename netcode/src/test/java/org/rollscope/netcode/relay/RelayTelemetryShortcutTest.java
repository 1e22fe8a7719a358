package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.load.SyntheticSample;

/**
 * The one-parse way for {@code peer_telemetry} ({@link TelemetryShortcut}) on a real relay over loopback: for every
 * kind of packet, what the sender gets back (acknowledgement text, errors), the refusal counters and what observers
 * receive are the same with it as without it (the test-only switch), frame for frame; and the hot packet really
 * takes it, while everything it is not sure of does not.
 */
class RelayTelemetryShortcutTest {
    private static final String KEY = "probe-key-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    /** What one frame led to: frames back to its sender (pings left out), refusals counted, shortcut taken. */
    private record Outcome(List<String> frames, Map<String, Long> refused, long taken) {
    }

    private static String telemetry(String namespace, String ackId, String payload) {
        return "42" + (namespace.equals("/") ? "" : namespace + ",") + ackId + "[\"peer_telemetry\"," + payload + "]";
    }

    /**
     * Sends {@code frame}, then a marker event with an acknowledgement; frames of one connection are handled and
     * answered in order, so once the marker's acknowledgement is back, everything the frame caused is too.
     */
    private static Outcome send(RelayServer relay, RawSocketIo client, String namespace, String frame, boolean on)
            throws Exception {
        relay.telemetryShortcut(on);
        Map<String, Long> before = relay.stats().rejected();
        long takenBefore = relay.telemetryParsedOnce();
        int skip = client.frames().size();
        client.send(frame);
        String ns = namespace.equals("/") ? "" : namespace + ",";
        client.send("42" + ns + "900[\"shortcut_marker\",{}]");
        client.awaitFrom(skip, "43" + ns + "900[");
        List<String> frames = new ArrayList<>();
        for (String f : client.frames().subList(skip, client.frames().size())) {
            if (!f.equals("2")) { // engine.io pings come whenever they are due
                frames.add(f);
            }
        }
        Map<String, Long> refused = new HashMap<>();
        relay.stats().rejected().forEach((reason, n) -> {
            if (n - before.getOrDefault(reason, 0L) != 0) {
                refused.put(reason, n - before.getOrDefault(reason, 0L));
            }
        });
        return new Outcome(frames, refused, relay.telemetryParsedOnce() - takenBefore);
    }

    /** The frame's outcome with the shortcut and without; asserts they are equal and returns whether it was taken. */
    private static boolean sameBothWays(RelayServer relay, RawSocketIo client, String namespace, String frame)
            throws Exception {
        Outcome with = send(relay, client, namespace, frame, true);
        Outcome without = send(relay, client, namespace, frame, false);
        assertEquals(without.frames(), with.frames(), () -> "frames back for " + cut(frame));
        assertEquals(without.refused(), with.refused(), () -> "refusals for " + cut(frame));
        assertEquals(0, without.taken(), "switched off, nothing takes the shortcut");
        assertTrue(with.taken() <= 1);
        return with.taken() == 1;
    }

    private static String cut(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** The samples observers received so far, in order, each as JSON text (Jackson's, which keeps the order). */
    private static List<String> observed(RawSocketIo observer) {
        List<String> samples = new ArrayList<>();
        String prefix = "42/observer,[\"peer_telemetry\",";
        for (String frame : observer.frames()) {
            if (frame.startsWith(prefix)) {
                JsonNode batch;
                try {
                    batch = JSON.readTree(frame.substring("42/observer,".length())).get(1);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError("not JSON: " + frame, e);
                }
                for (JsonNode sample : batch.get("samples")) {
                    samples.add(sample.toString());
                }
            }
        }
        return samples;
    }

    @Test
    void everyKindOfTelemetryPacketEndsTheSameWithAndWithoutTheShortcut() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir, b -> b.probeKey(KEY).maxEventBytes(8_192)
                .eventsPerSecond(1e6).eventBurst(1e6).eventsPerSecondPerAddress(1e6)
                .telemetryFlushInterval(Duration.ofMillis(10)))) {
            RelayServer relay = fixture.relay;
            RawSocketIo observer = fixture.track(RawSocketIo.connect(relay.url(), "/observer",
                    "{\"token\":\"test-token\"}"));
            RawSocketIo peer = fixture.track(RawSocketIo.connect(relay.url()));
            peer.send("421[\"join_game\",{\"game_id\":\"shortcut-game\"}]");
            peer.awaitFrom(0, "431[");
            RawSocketIo probe = fixture.track(RawSocketIo.connect(relay.url(), "/probe", new JSONObject()
                    .put(ProbeProtocol.AUTH_KEY, KEY).put(ProbeProtocol.AUTH_GAME_ID, "mug-game-7")
                    .put(ProbeProtocol.AUTH_PLAYER_ID, "0").put(ProbeProtocol.AUTH_SUBJECT_ID, "subject-a")
                    .toString()));

            String full = SyntheticSample.of("g", "p", 17, 1_700_000_000_123L, 10, "p2p", 0, 0);
            String probeLike = RelayProbeTest.probeSample(3).toString();
            String sparse = "{\"seq\":1,\"t_ms\":5,\"state\":\"running\"}";
            List<String> taken = List.of(full, probeLike, sparse,
                    " { \"seq\" : 2 , \"t_ms\" : 6 , \"state\" : \"run\\u006eing\" , \"rtt_ms\" : 1.5e1 } ",
                    "{\"seq\":3,\"t_ms\":7,\"state\":\"running\",\"future\":{\"a\":[1,2.50,{\"b\":null}]}}",
                    "{\"seq\":\"4\",\"t_ms\":8,\"state\":\"running\",\"frame\":\"12\"}", // Jackson's coercions
                    // several fields Jackson refuses: which one it names depends on the members' order
                    "{\"seq\":5,\"t_ms\":9,\"state\":\"running\",\"frame\":\"abc\",\"episode\":\"xyz\","
                            + "\"rollbacks\":\"q\",\"stalls\":[1],\"fps\":{}}",
                    "{\"t_ms\":1}", "{\"seq\":1,\"t_ms\":1,\"state\":null}", "5", "\"text\"", "[1,2]", "null", "{}");
            List<String> leftToTheUsualWay = List.of(
                    "{\"seq\":1,\"t_ms\":1,\"state\":\"x\",\"pad\":\"" + "x".repeat(9_000) + "\"}", // oversized
                    "{\"seq\":1,\"t_ms\":1,\"state\":\"x\",\"deep\":" + "[".repeat(40) + "]".repeat(40) + "}",
                    "{seq:6,t_ms:2,state:'running'}", // org.json's leniency: the usual way accepts it
                    "{\"seq\":7,\"t_ms\":2,\"state\":\"running\",}",
                    "{\"seq\":-0,\"t_ms\":2,\"state\":\"running\"}",
                    sparse + "," + sparse, // two arguments
                    sparse + "]  "); // text after the event's array
            for (String payload : taken) {
                assertTrue(sameBothWays(relay, peer, "/", telemetry("/", "7", payload)), payload);
                assertTrue(sameBothWays(relay, peer, "/", telemetry("/", "", payload)), payload);
                assertTrue(sameBothWays(relay, probe, "/probe", telemetry("/probe", "5", payload)), payload);
                assertTrue(sameBothWays(relay, probe, "/probe", telemetry("/probe", "", payload)), payload);
            }
            for (String payload : leftToTheUsualWay) {
                assertTrue(!sameBothWays(relay, peer, "/", telemetry("/", "7", payload)), cut(payload));
                assertTrue(!sameBothWays(relay, probe, "/probe", telemetry("/probe", "5", payload)), cut(payload));
            }
            // Other events and packets, ids the decoder reads its own way, a namespace this connection has not joined.
            for (String frame : List.of("42007[\"peer_telemetry\"," + sparse + "]",
                    "42/,8[\"peer_telemetry\"," + sparse + "]",
                    "42/probe,9[\"peer_telemetry\"," + sparse + "]",
                    "429[\"peer_event\",{\"kind\":\"x\"}]",
                    "429[\"peer_telemetry\"]",
                    "429[ \"peer_telemetry\"," + sparse + "]",
                    "429[\"peer\\u005ftelemetry\"," + sparse + "]")) {
                boolean wasTaken = sameBothWays(relay, peer, "/", frame);
                assertEquals(frame.startsWith("42007") || frame.startsWith("42/,8"), wasTaken, frame);
            }
            assertTrue(!sameBothWays(relay, probe, "/probe", "42[\"peer_telemetry\"," + sparse + "]"),
                    "the probe's connection has not joined the default namespace");

            // Observers got every accepted sample twice in a row (with, then without): the same stamped text.
            long accepted = relay.stats().samplesReceived();
            Await.until(TestPeer.WAIT, () -> observed(observer).size() == accepted,
                    () -> "observed " + observed(observer).size() + " of " + accepted);
            List<String> samples = observed(observer);
            assertTrue(samples.size() >= 2 * 4 * 6, "samples observed: " + samples.size());
            for (int i = 0; i < samples.size(); i += 2) {
                assertEquals(samples.get(i + 1), samples.get(i), "sample " + i);
            }
            assertTrue(samples.stream().anyMatch(s -> s.contains("\"source\":\"mug-probe\"")));
        }
    }

    @Test
    void framesTheDecoderFailsOnCloseTheConnectionEitherWay() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir)) {
            RelayServer relay = fixture.relay;
            int game = 0;
            String sparse = "{\"seq\":1,\"t_ms\":1,\"state\":\"x\"}";
            for (String frame : List.of(telemetry("/", "2", "{\"seq\":1,\"seq\":2,\"t_ms\":1,\"state\":\"x\"}"),
                    telemetry("/", "2", "{\"seq\":1,"), telemetry("/", "12345678901", sparse))) {
                List<Boolean> closed = new ArrayList<>();
                for (boolean on : new boolean[] {true, false}) {
                    relay.telemetryShortcut(on);
                    RawSocketIo peer = fixture.track(RawSocketIo.connect(relay.url()));
                    peer.send("421[\"join_game\",{\"game_id\":\"closing-" + game++ + "\"}]");
                    peer.awaitFrom(0, "431[");
                    peer.send(frame);
                    try {
                        peer.send("423[\"shortcut_marker\",{}]");
                    } catch (java.util.concurrent.ExecutionException closedAlready) {
                        // the server may have closed the connection on the frame before
                    }
                    Await.until(TestPeer.WAIT, () -> !peer.isOpen()
                            || peer.frames().stream().anyMatch(f -> f.startsWith("433[")), peer.frames()::toString);
                    closed.add(!peer.isOpen());
                }
                assertEquals(closed.get(1), closed.get(0), frame);
                assertTrue(closed.get(0) || !frame.contains("\"seq\":2"), "a duplicate key closes: " + frame);
            }
            assertEquals(0, relay.telemetryParsedOnce());
        }
    }

    @Test
    void rateLimitsRefuseTheSameWayWithAndWithoutTheShortcut() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir, b -> b.eventsPerSecond(0.001).eventBurst(4)
                .eventsPerSecondPerAddress(1e6))) {
            RelayServer relay = fixture.relay;
            List<Outcome> outcomes = new ArrayList<>();
            for (boolean on : new boolean[] {true, false}) {
                RawSocketIo peer = fixture.track(RawSocketIo.connect(relay.url()));
                // one of the burst of 4; a game of its own, so that nobody else's join sends it anything
                peer.send("421[\"join_game\",{\"game_id\":\"limited-" + on + "\"}]");
                peer.awaitFrom(0, "431[");
                relay.telemetryShortcut(on);
                Map<String, Long> before = relay.stats().rejected();
                long takenBefore = relay.telemetryParsedOnce();
                int skip = peer.frames().size();
                for (int i = 0; i < 5; i++) {
                    peer.send(telemetry("/", String.valueOf(10 + i), "{\"seq\":" + i + ",\"t_ms\":1,\"state\":\"x\"}"));
                }
                peer.awaitFrom(skip, "4314[");
                List<String> frames = new ArrayList<>(peer.frames().subList(skip, peer.frames().size()));
                frames.removeIf("2"::equals);
                long limited = relay.stats().rejected(RejectReason.RATE_LIMITED)
                        - before.get(RejectReason.RATE_LIMITED.code());
                outcomes.add(new Outcome(frames, Map.of(RejectReason.RATE_LIMITED.code(), limited),
                        relay.telemetryParsedOnce() - takenBefore));
            }
            assertEquals(outcomes.get(1).frames(), outcomes.get(0).frames());
            assertEquals(outcomes.get(1).refused(), outcomes.get(0).refused());
            assertEquals(2L, outcomes.get(0).refused().get(RejectReason.RATE_LIMITED.code()), "3 accepted, 2 refused");
            assertEquals(5, outcomes.get(0).taken(), "rate limited or not, each was read once");
            assertTrue(outcomes.get(0).frames().stream().anyMatch(f -> f.contains("rate_limited")),
                    outcomes.get(0).frames().toString());
        }
    }

    @Test
    void realSocketIoClientsTelemetryTakesTheShortcutOverWebSocketButNotOverLongPolling() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir, b -> b.probeKey(KEY))) {
            RelayServer relay = fixture.relay;
            TestPeer[] pair = fixture.pair("real-clients");
            assertTrue(pair[0].emitAck("peer_telemetry", RelayProbeTest.probeSample(1).put("stalls", 0))
                    .getBoolean("ok"));
            assertEquals(1, relay.telemetryParsedOnce());
            pair[1].emit("peer_telemetry", RelayProbeTest.probeSample(2).put("stalls", 0)); // no ack asked for
            Await.until(TestPeer.WAIT, () -> relay.stats().samplesReceived() == 2, () -> relay.stats().toString());
            assertEquals(2, relay.telemetryParsedOnce());

            Map<String, String> auth = Map.of(ProbeProtocol.AUTH_KEY, KEY, ProbeProtocol.AUTH_GAME_ID, "mug-1",
                    ProbeProtocol.AUTH_PLAYER_ID, "1");
            TestPeer probe = fixture.track(TestPeer.connect(relay.url(), ProbeProtocol.NAMESPACE, auth, true));
            probe.await(ProbeProtocol.CONFIG_EVENT);
            assertTrue(probe.emitAck("peer_telemetry", RelayProbeTest.probeSample(3)).getBoolean("ok"));
            assertEquals(3, relay.telemetryParsedOnce());

            TestPeer polling = fixture.track(TestPeer.connect(relay.url(), "/", null, true, "polling"));
            polling.join(new JSONObject().put("game_id", "polling-game"));
            assertTrue(polling.emitAck("peer_telemetry", RelayProbeTest.probeSample(4).put("stalls", 0))
                    .getBoolean("ok"));
            assertEquals(4, relay.stats().samplesReceived());
            assertEquals(3, relay.telemetryParsedOnce(), "long-polling has no connection id: the usual way");
        }
    }

    @Test
    void aConnectionSendingOnlyShortcutTelemetryStaysOpenThroughManyPingRounds() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir, b -> b.pingInterval(Duration.ofMillis(150))
                .pingTimeout(Duration.ofMillis(250)).eventsPerSecond(1e6).eventBurst(1e6))) {
            RelayServer relay = fixture.relay;
            RawSocketIo peer = fixture.track(RawSocketIo.connect(relay.url()));
            peer.send("421[\"join_game\",{\"game_id\":\"pinged\"}]");
            peer.awaitFrom(0, "431[");
            int pings = 0;
            int sent = 0;
            while (pings < 8) { // 8 ping rounds: over 1.2 s, several ping timeouts' worth of telemetry only
                int skip = peer.frames().size();
                sent++;
                peer.send(telemetry("/", String.valueOf(sent), "{\"seq\":" + sent + ",\"t_ms\":1,\"state\":\"x\"}"));
                peer.awaitFrom(skip, "43" + sent + "[");
                Thread.sleep(20);
                pings = (int) peer.frames().stream().filter("2"::equals).count();
            }
            assertTrue(peer.isOpen());
            assertEquals(sent, relay.telemetryParsedOnce(), "every sample took the shortcut");
            assertEquals(sent, relay.stats().samplesReceived());
        }
    }
}
