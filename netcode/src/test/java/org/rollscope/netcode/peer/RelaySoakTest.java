package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.relay.RejectReason;
import org.rollscope.netcode.relay.RelayStats;

/**
 * Issue 12's closing check: for about a minute the relay is flooded with every pattern of the issue (hostile values,
 * 1.9 GB Content-Lengths, slow bodies, a connection flood from one address, a churn of joins, seat takeovers, 40
 * connections of events) while a healthy session of two real headless peers plays three episodes. Prints the
 * healthy session's longest telemetry gap at the observer and the relay's refusals; checks that both peers stored
 * every episode and that their data is identical.
 */
class RelaySoakTest {
    private static final String DEEP = "[".repeat(1500) + "]".repeat(1500);

    @TempDir
    Path dataDir;

    @Test
    void aHealthySessionKeepsItsTelemetryAndItsDataThroughAMinuteOfFloods() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(3).framesPerEpisode(900))) {
            List<Long> arrivals = new CopyOnWriteArrayList<>();
            live.observer.addListener(new ObserverListener() {
                @Override
                public void onTelemetry(TelemetryBatch batch) {
                    if (batch.samples().stream().anyMatch(s -> LiveSession.GAME.equals(s.gameId()))) {
                        arrivals.add(System.nanoTime());
                    }
                }
            });
            HeadlessPeerFallbackTest.awaitTransport(live, "0", "p2p");
            String url = live.relay.url();
            int port = live.relay.port();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong floodActions = new AtomicLong();
            ExecutorService floods = Executors.newFixedThreadPool(8);
            long floodStart = System.nanoTime();
            floods.submit(loop(stop, () -> hostileValues(url, floodActions)));
            floods.submit(loop(stop, () -> hugeContentLength(port, floodActions)));
            floods.submit(loop(stop, () -> slowBodies(port, stop, floodActions)));
            floods.submit(loop(stop, () -> connectionFlood(port, stop, floodActions)));
            floods.submit(loop(stop, () -> joinChurn(url, floodActions)));
            floods.submit(loop(stop, () -> seatTakeover(url, floodActions)));
            floods.submit(loop(stop, () -> eventFlood(url, stop, floodActions)));
            live.awaitFinished(Duration.ofSeconds(90));
            stop.set(true);
            long floodSeconds = (System.nanoTime() - floodStart) / 1_000_000_000L;
            floods.shutdownNow();
            floods.awaitTermination(10, TimeUnit.SECONDS);

            long longestGapMs = 0;
            for (int i = 1; i < arrivals.size(); i++) {
                longestGapMs = Math.max(longestGapMs, (arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000);
            }
            RelayStats stats = live.relay.stats();
            System.out.printf("soak: %d s of floods (%d flood actions); healthy session: %d telemetry batches, "
                    + "longest gap %d ms; refused: rate_limited %d, malformed %d, oversized %d, game_full %d, "
                    + "seat_token_required %d, http %s; internal_error %d%n", floodSeconds, floodActions.get(),
                    arrivals.size(), longestGapMs, stats.rejected(RejectReason.RATE_LIMITED),
                    stats.rejected(RejectReason.MALFORMED), stats.rejected(RejectReason.OVERSIZED),
                    stats.rejected(RejectReason.GAME_FULL), stats.rejected(RejectReason.SEAT_TOKEN_REQUIRED),
                    stats.httpRefused(), stats.rejected(RejectReason.INTERNAL));
            HeadlessPeerFallbackTest.assertParity(live, 3, 900);
            assertEquals(0, stats.rejected(RejectReason.INTERNAL), "no handler failed: " + stats);
            assertTrue(stats.rejected(RejectReason.SEAT_TOKEN_REQUIRED) > 0, "takeovers were tried and refused");
            assertTrue(floodActions.get() > 1000, "the floods ran: " + floodActions.get());
        }
    }

    private interface Flood {
        void run() throws Exception;
    }

    private static Runnable loop(AtomicBoolean stop, Flood flood) {
        return () -> {
            while (!stop.get() && !Thread.currentThread().isInterrupted()) {
                try {
                    flood.run();
                } catch (Exception refusedOrClosed) {
                    // the relay closing on a flooder is what it should do; go again
                }
            }
        };
    }

    private static void hostileValues(String url, AtomicLong count) throws Exception {
        try (RawClient c = RawClient.open(url)) {
            c.send("42[\"join_game\",{}]");
            String[] payloads = {"{\"frame_number\":null}", "{\"kind\":\"desync\",\"detail\":" + DEEP + "}",
                    "{\"latency_ms\":" + DEEP + ",\"mapType\":{\"a\":null}}",
                    "{\"kind\":\"fallback\",\"detail\":\"" + "x".repeat(100_000) + "\"}"};
            String[] events = {"p2p_connection_lost", "peer_event", "p2p_health_report", "peer_event"};
            for (int i = 0; i < 40; i++) {
                c.send("42[\"" + events[i % 4] + "\"," + payloads[i % 4] + "]");
                count.incrementAndGet();
            }
        }
    }

    private static void hugeContentLength(int port, AtomicLong count) throws Exception {
        try (Socket s = socket(InetAddress.getLoopbackAddress(), port)) {
            post(s, 1_900_000_000L, "x");
            s.getInputStream().read();
            count.incrementAndGet();
        }
        Thread.sleep(20);
    }

    private static void slowBodies(int port, AtomicBoolean stop, AtomicLong count) throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket s = socket(InetAddress.getLoopbackAddress(), port);
                post(s, 1000, "4");
                slow.add(s);
                count.incrementAndGet();
            }
            for (int round = 0; round < 10 && !stop.get(); round++) { // one byte a second each
                Thread.sleep(1000);
                for (Socket s : slow) {
                    s.getOutputStream().write('x');
                }
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static void connectionFlood(int port, AtomicBoolean stop, AtomicLong count) throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3000 && !stop.get(); i++) { // beyond the per-address cap of 2048
                held.add(socket(InetAddress.getByName("127.0.0.2"), port));
                count.incrementAndGet();
            }
            Thread.sleep(5000);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static void joinChurn(String url, AtomicLong count) throws Exception {
        try (RawClient c = RawClient.open(url)) {
            c.send("42[\"join_game\",{\"game_id\":\"churn-" + count.incrementAndGet() + "\"}]");
        }
    }

    private static void seatTakeover(String url, AtomicLong count) throws Exception {
        try (RawClient c = RawClient.open(url)) {
            c.send("42[\"join_game\",{\"game_id\":\"" + LiveSession.GAME + "\",\"player_id\":\"0\"}]");
            c.send("42[\"join_game\",{\"game_id\":\"" + LiveSession.GAME + "\",\"player_id\":\"1\","
                    + "\"seat_token\":\"00000000000000000000000000000000\"}]");
            count.addAndGet(2);
            Thread.sleep(50);
        }
    }

    private static void eventFlood(String url, AtomicBoolean stop, AtomicLong count) throws Exception {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                RawClient c = RawClient.open(url);
                c.send("42[\"join_game\",{}]");
                clients.add(c);
            }
            long end = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < end && !stop.get()) { // each just under its own 300 events/s
                for (RawClient c : clients) {
                    c.send("42[\"p2p_health_report\",{\"status\":\"ok\",\"latency_ms\":12.5}]");
                    count.incrementAndGet();
                }
                Thread.sleep(4);
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    private static Socket socket(InetAddress from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(20_000);
        return s;
    }

    private static void post(Socket s, long contentLength, String start) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("POST /socket.io/?EIO=4&transport=polling&sid=nosuch HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + contentLength + "\r\nContent-Type: text/plain\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A hand-written Socket.IO client on the default namespace that sends frames and ignores what comes back. */
    private static final class RawClient implements AutoCloseable {
        private final WebSocket ws;

        private RawClient(WebSocket ws) {
            this.ws = ws;
        }

        static RawClient open(String url) throws Exception {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                                    if ("2".contentEquals(data)) {
                                        socket.sendText("3", true);
                                    }
                                    socket.request(1);
                                    return null;
                                }
                            }).get(5, TimeUnit.SECONDS);
            RawClient client = new RawClient(ws);
            client.send("40");
            return client;
        }

        void send(String frame) throws Exception {
            ws.sendText(frame, true).get(5, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            ws.abort();
        }
    }
}
