package org.rollscope.netcode.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.rollscope.netcode.transport.SocketIoHttp;

/**
 * The reference the peers' {@code relay_rtt_ms} is judged against: a bare WebSocket speaking just enough engine.io
 * and Socket.IO by hand to join a seat of its own and send a {@code peer_telemetry} sample every 50 ms, timing each
 * acknowledgement from the frame it sent to the frame that came back, on OkHttp's reading thread. No socket.io-client.
 */
final class RelayPinger implements AutoCloseable {
    private static final String SAMPLE = "{\"seq\":0,\"t_ms\":0,\"state\":\"running\",\"episode\":0,\"frame\":0,"
            + "\"confirmed_frame\":-1,\"verified_frame\":-1,\"remote_frame\":-1,\"frame_advantage\":0,\"rollbacks\":0,"
            + "\"rollback_frames\":0,\"last_rollback_depth\":0,\"max_rollback_depth\":0,\"predicted_frames\":0,"
            + "\"stalls\":0,\"transport\":\"p2p\",\"transport_reason\":\"ok\",\"inputs_sent_p2p\":0,"
            + "\"inputs_sent_relay\":0,\"inputs_recv_p2p\":0,\"inputs_recv_relay\":0,\"desyncs\":0}";

    private final WebSocket ws;
    private final CountDownLatch joined = new CountDownLatch(1);
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final long[] sentNanos = new long[1 << 16];
    private final List<Double> rtts = new ArrayList<>();
    private volatile boolean recording;

    RelayPinger(String relayUrl, String gameId) throws InterruptedException {
        String url = relayUrl.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket";
        ws = SocketIoHttp.CLIENT.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket socket, String text) {
                long now = System.nanoTime();
                if (text.startsWith("0")) {
                    socket.send("40"); // engine.io open: connect to the default namespace
                } else if (text.equals("2")) {
                    socket.send("3"); // engine.io ping
                } else if (text.startsWith("40")) {
                    socket.send("420[\"join_game\",{\"game_id\":\"" + gameId + "\",\"player_id\":\"0\"}]");
                } else if (text.startsWith("430")) {
                    joined.countDown();
                } else if (text.startsWith("43")) {
                    int id = Integer.parseInt(text.substring(2, text.indexOf('[')));
                    if (recording) {
                        synchronized (rtts) {
                            rtts.add((now - sentNanos[id & 0xFFFF]) / 1e6);
                        }
                    }
                }
            }
        });
        if (!joined.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the reference pinger could not join the relay");
        }
    }

    /** Sends one sample and stamps it (call every 50 ms). */
    void ping() {
        int id = nextId.getAndIncrement();
        sentNanos[id & 0xFFFF] = System.nanoTime();
        ws.send("42" + id + "[\"peer_telemetry\"," + SAMPLE + "]");
    }

    void startRecording() {
        recording = true;
    }

    List<Double> rtts() {
        synchronized (rtts) {
            return List.copyOf(rtts);
        }
    }

    @Override
    public void close() {
        ws.close(1000, "done");
    }
}
