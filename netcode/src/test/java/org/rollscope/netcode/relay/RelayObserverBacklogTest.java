package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An observer that reads slower than the relay sends: its batches are dropped and counted once its connection holds
 * too much unsent, so it stays connected and is told of every sample it did not get, instead of falling further
 * behind without bound until engine.io's pings, queued behind the batches, time out.
 */
class RelayObserverBacklogTest {
    private static final String PREFIX = "42" + "/observer," + "[\"peer_telemetry\",";

    @TempDir
    Path dataDir;

    @Test
    void anObserverThatStopsReadingIsToldOfEverySampleItMissedAndStaysConnected() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir, b -> b.eventsPerSecond(1e6).eventBurst(1e6)
                .eventsPerSecondPerAddress(1e6).pingInterval(Duration.ofSeconds(60))
                .pingTimeout(Duration.ofSeconds(60)))) {
            PausingObserver observer = new PausingObserver(fixture.relay.url());
            TestPeer peer = fixture.peer();
            peer.join(new JSONObject().put("game_id", "slow-reader"));

            observer.reading.set(false); // the kernel's buffers fill, then Jetty's queue for this connection grows
            int sent = 0;
            while (fixture.relay.stats().samplesDropped() == 0 && sent < 150_000) {
                for (int i = 0; i < 500; i++) { // at most ~500 per 25 ms flush: the observer's own queue never fills
                    peer.emit("peer_telemetry", RelayObserverTest.sampleJson(sent++));
                }
                Thread.sleep(30);
            }
            long sentTotal = sent;
            assertTrue(fixture.relay.stats().samplesDropped() > 0,
                    "no batch dropped for an observer that reads nothing, after " + sent + " samples; " + fixture.relay.stats() + " delivered " + observer.delivered + " closed " + observer.closed);

            observer.resume();
            Await.until(Duration.ofSeconds(60), () -> observer.delivered.get() + observer.dropped.get() == sentTotal,
                    () -> "delivered " + observer.delivered + " + dropped " + observer.dropped + " of " + sentTotal
                            + "; " + fixture.relay.stats());
            assertTrue(observer.dropped.get() > 0, "the observer is told it missed samples");
            assertEquals(fixture.relay.stats().samplesDropped(), observer.dropped.get());
            assertFalse(observer.closed.get(), "the slow observer was disconnected");
            observer.ws.abort();
        }
    }

    /** A raw observer over the JDK's WebSocket that can stop reading (no demand) and resume. */
    private static final class PausingObserver {
        final AtomicBoolean reading = new AtomicBoolean(true);
        final AtomicBoolean waiting = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicBoolean connected = new AtomicBoolean();
        final WebSocket ws;

        PausingObserver(String url) throws Exception {
            StringBuilder partial = new StringBuilder();
            ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create(url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                onFrame(socket, partial.toString());
                                partial.setLength(0);
                            }
                            if (reading.get()) {
                                socket.request(1);
                            } else {
                                waiting.set(true);
                            }
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                            closed.set(true);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket socket, Throwable error) {
                            closed.set(true);
                        }
                    }).get(10, TimeUnit.SECONDS);
            Await.until(TestPeer.WAIT, connected::get, () -> "observer not connected");
        }

        private void onFrame(WebSocket socket, String frame) {
            if (frame.startsWith("0{")) {
                socket.sendText("40/observer,{\"token\":\"test-token\"}", true);
            } else if (frame.startsWith("40/observer,")) {
                connected.set(true);
            } else if (frame.equals("2")) {
                socket.sendText("3", true);
            } else if (frame.startsWith(PREFIX)) {
                JSONObject batch = new JSONArray(frame.substring(PREFIX.indexOf('['))).getJSONObject(1);
                delivered.addAndGet(batch.getJSONArray("samples").length());
                dropped.addAndGet(batch.getLong("dropped"));
            }
        }

        void resume() {
            reading.set(true);
            if (waiting.getAndSet(false)) {
                ws.request(1);
            }
        }
    }
}
