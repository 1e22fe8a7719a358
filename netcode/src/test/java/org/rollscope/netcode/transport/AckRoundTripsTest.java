package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class AckRoundTripsTest {

    @Test
    void ackIdsAreReadFromEventAndAckFramesOfAnyNamespace() {
        assertEquals(12, AckRoundTrips.ackId("4212[\"peer_telemetry\",{}]", '2'));
        assertEquals(12, AckRoundTrips.ackId("4312[{\"ok\":true}]", '3'));
        assertEquals(7, AckRoundTrips.ackId("43/observer,7[{\"ok\":true}]", '3'));
        assertEquals(-1, AckRoundTrips.ackId("42[\"peer_event\",{}]", '2'), "no acknowledgement asked");
        assertEquals(-1, AckRoundTrips.ackId("4312[{}]", '2'), "an ack is not an event");
        assertEquals(-1, AckRoundTrips.ackId("2", '3'));
        assertEquals(-1, AckRoundTrips.ackId("43/observer[]", '3'));
        assertEquals(-1, AckRoundTrips.ackId("4399999999999[]", '3'), "out of range");
    }

    @Test
    void onlyTimedEventsAreMeasuredFromTheirFrameToTheirAcknowledgementsFrame() throws Exception {
        List<Double> rtts = new ArrayList<>();
        FakeSocket fake = new FakeSocket();
        AckRoundTrips timer = new AckRoundTrips(fake, Set.of("peer_telemetry"), rtts::add);
        List<String> delivered = new ArrayList<>();
        WebSocket ws = timer.newWebSocket(new Request.Builder().url("http://127.0.0.1/").build(),
                new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        delivered.add(text);
                    }
                });
        ws.send("421[\"peer_telemetry\",{}]");
        ws.send("422[\"emit_episode_data\",{}]");
        Thread.sleep(5);
        fake.listener.onMessage(fake, "432[{\"status\":\"ok\"}]");
        fake.listener.onMessage(fake, "431[{\"ok\":true}]");
        fake.listener.onMessage(fake, "431[{\"ok\":true}]"); // a second ack of the same id: already taken
        assertEquals(List.of("421[\"peer_telemetry\",{}]", "422[\"emit_episode_data\",{}]"), fake.sent,
                "frames go out unchanged");
        assertEquals(3, delivered.size(), "frames come in unchanged");
        assertEquals(1, rtts.size(), "only the telemetry is timed: " + rtts);
        assertTrue(rtts.get(0) >= 5, "at least the 5 ms it waited: " + rtts);
    }

    /** A WebSocket factory that records what is sent and lets the test play the server. */
    private static final class FakeSocket implements WebSocket.Factory, WebSocket {
        final List<String> sent = new ArrayList<>();
        WebSocketListener listener;

        @Override
        public WebSocket newWebSocket(Request request, WebSocketListener listener) {
            this.listener = listener;
            return this;
        }

        @Override
        public boolean send(String text) {
            sent.add(text);
            return true;
        }

        @Override
        public boolean send(ByteString bytes) {
            return true;
        }

        @Override
        public Request request() {
            return null;
        }

        @Override
        public long queueSize() {
            return 0;
        }

        @Override
        public boolean close(int code, String reason) {
            return true;
        }

        @Override
        public void cancel() {
        }
    }
}
