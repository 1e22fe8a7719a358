package org.rollscope.netcode.relay.soak;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The soak test's attacker, run in its own JVM ({@code RelaySoakTest} starts it with the test classpath): floods in
 * the test's own JVM competed with the healthy peers for its CPU and heap and caused false desyncs, which a real
 * attacker on another machine never would. For {@code --seconds}, all at once, within the relay's caps:
 *
 * <ul>
 *   <li><b>hostile churn</b>: connections that join a fresh game and send the values of issue 12 finding 1 (a
 *       {@code p2p_connection_lost} with {@code frame_number: null}, {@code peer_event} and {@code p2p_health_report}
 *       nested 1,500 deep, a 70 KB string) and leave;</li>
 *   <li><b>oversized bodies</b>: polling POSTs announcing 1.9 GB;</li>
 *   <li><b>slow bodies</b>: 64 polling POSTs trickling one byte a second;</li>
 *   <li><b>a connection flood</b>: 300 idle TCP connections held open (and reopened when the relay closes them).</li>
 * </ul>
 *
 * <p>A load generator, not a test: it paces itself with sleeps. It prints one {@code flood: key=value ...} line and
 * exits 0, or 1 if it could not flood at all.
 */
public final class RelayFlooder {
    static final int CHURN_THREADS = 3;
    static final int SLOW_BODIES = 64;
    static final int IDLE_CONNECTIONS = 300;
    static final int HOSTILE_DEPTH = 1_500;

    private final String host;
    private final int port;
    private final long deadlineNanos;
    private final HttpClient http = HttpClient.newHttpClient();
    final AtomicLong churnCycles = new AtomicLong();
    final AtomicLong hostileEvents = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    final AtomicLong oversizedRefused = new AtomicLong();
    final AtomicLong slowOpened = new AtomicLong();
    final AtomicLong slowTimedOut = new AtomicLong();
    final AtomicLong idleOpened = new AtomicLong();
    final AtomicLong idleClosedByRelay = new AtomicLong();
    final AtomicLong errors = new AtomicLong();

    RelayFlooder(String host, int port, long seconds) {
        this.host = host;
        this.port = port;
        this.deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    /** {@code RelayFlooder URL SECONDS}. */
    public static void main(String[] args) throws Exception {
        URI relay = URI.create(args[0]);
        RelayFlooder f = new RelayFlooder(relay.getHost(), relay.getPort(), Long.parseLong(args[1]));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CHURN_THREADS; i++) {
            threads.add(new Thread(f::hostileChurn, "churn-" + i));
        }
        threads.add(new Thread(f::oversizedBodies, "oversized"));
        threads.add(new Thread(f::slowBodies, "slow"));
        threads.add(new Thread(f::idleConnections, "idle"));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        System.out.println(f.summary());
        System.exit(f.churnCycles.get() > 0 && f.idleOpened.get() > 0 ? 0 : 1);
    }

    String summary() {
        return String.format(Locale.ROOT, "flood: churn_cycles=%d hostile_events=%d refusals=%d oversized_refused=%d"
                        + " slow_opened=%d slow_timed_out=%d idle_opened=%d idle_closed_by_relay=%d errors=%d",
                churnCycles.get(), hostileEvents.get(), refusals.get(), oversizedRefused.get(), slowOpened.get(),
                slowTimedOut.get(), idleOpened.get(), idleClosedByRelay.get(), errors.get());
    }

    private boolean running() {
        return System.nanoTime() < deadlineNanos;
    }

    // --- hostile churn: join, hostile values, leave -------------------------------------------------------------

    private void hostileChurn() {
        String deep = "[".repeat(HOSTILE_DEPTH) + "]".repeat(HOSTILE_DEPTH);
        String huge = "\"" + "z".repeat(70_000) + "\"";
        List<String> hostile = List.of(
                "[\"p2p_connection_lost\",{\"frame_number\":null}]",
                "[\"peer_event\",{\"kind\":\"desync\",\"detail\":{\"frame\":" + deep + "}}]",
                "[\"p2p_health_report\",{\"latency_ms\":" + deep + "}]",
                "[\"peer_event\",{\"kind\":\"episode_end\",\"detail\":{\"text\":" + huge + "}}]",
                "[\"peer_event\",{\"kind\":\"fallback\",\"detail\":{\"reason\":{\"mapType\":[1,{\"a\":null}]}}}]");
        while (running()) {
            try {
                cycle(hostile);
                churnCycles.incrementAndGet();
            } catch (Exception e) {
                errors.incrementAndGet();
            }
            pause(20);
        }
    }

    private void cycle(List<String> hostile) throws Exception {
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch joined = new CountDownLatch(1);
        CountDownLatch connected = new CountDownLatch(1);
        StringBuilder partial = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://" + host + ":" + port
                + "/socket.io/?EIO=4&transport=websocket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String frame = partial.toString();
                            partial.setLength(0);
                            if (frame.equals("2")) {
                                socket.sendText("3", true);
                            } else if (frame.startsWith("40{")) {
                                connected.countDown();
                            } else if (frame.startsWith("431")) {
                                joined.countDown();
                            }
                            received.add(frame);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            ws.sendText("40", true).get(10, TimeUnit.SECONDS);
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IOException("no namespace connect");
            }
            ws.sendText("421[\"join_game\",{\"game_id\":\"soak-" + Long.toHexString(System.nanoTime()) + "\"}]", true)
                    .get(10, TimeUnit.SECONDS);
            if (!joined.await(10, TimeUnit.SECONDS)) {
                throw new IOException("no join ack");
            }
            for (String event : hostile) {
                ws.sendText("42" + event, true).get(10, TimeUnit.SECONDS);
                hostileEvents.incrementAndGet();
            }
            pause(50); // let the refusals come back before leaving
        } finally {
            ws.abort();
        }
        refusals.addAndGet(received.stream().filter(f -> f.contains("rollscope_error")).count());
    }

    // --- oversized and slow polling bodies -----------------------------------------------------------------------

    private void oversizedBodies() {
        while (running()) {
            try (Socket s = open()) {
                post(s, 1_900_000_000L, "x");
                if (statusOf(s).contains(" 413 ")) {
                    oversizedRefused.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            }
            pause(25);
        }
    }

    private void slowBodies() {
        List<Socket> slow = new ArrayList<>();
        while (running()) {
            try {
                while (slow.size() < SLOW_BODIES) {
                    Socket s = open();
                    s.setSoTimeout(1);
                    post(s, 1_000, "4");
                    slow.add(s);
                    slowOpened.incrementAndGet();
                }
                for (Iterator<Socket> it = slow.iterator(); it.hasNext(); ) {
                    Socket s = it.next();
                    if (answered(s)) {
                        slowTimedOut.incrementAndGet();
                        s.close();
                        it.remove();
                    } else {
                        trickle(s, it);
                    }
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            }
            pause(1_000);
        }
        slow.forEach(RelayFlooder::closeQuietly);
    }

    private void trickle(Socket s, Iterator<Socket> it) {
        try {
            s.getOutputStream().write('0');
            s.getOutputStream().flush();
        } catch (IOException closed) {
            slowTimedOut.incrementAndGet();
            closeQuietly(s);
            it.remove();
        }
    }

    // --- idle connection flood -----------------------------------------------------------------------------------

    private void idleConnections() {
        List<Socket> idle = new ArrayList<>();
        while (running()) {
            try {
                for (Iterator<Socket> it = idle.iterator(); it.hasNext(); ) {
                    Socket s = it.next();
                    if (answered(s)) {
                        idleClosedByRelay.incrementAndGet();
                        s.close();
                        it.remove();
                    }
                }
                while (idle.size() < IDLE_CONNECTIONS) {
                    Socket s = open();
                    s.setSoTimeout(1);
                    idle.add(s);
                    idleOpened.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            }
            pause(500);
        }
        idle.forEach(RelayFlooder::closeQuietly);
    }

    // --- raw HTTP ------------------------------------------------------------------------------------------------

    private Socket open() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 5_000);
        s.setSoTimeout(15_000);
        return s;
    }

    private static void post(Socket s, long contentLength, String start) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("POST /socket.io/?EIO=4&transport=polling&sid=nosuch HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + contentLength + "\r\nContent-Type: text/plain\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String statusOf(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString();
    }

    /** True when the relay answered or closed the connection (read without waiting: the socket timeout is 1 ms). */
    private static boolean answered(Socket s) {
        try {
            return s.getInputStream().read() != -2; // any byte, or end of stream
        } catch (SocketTimeoutException nothingYet) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a flood connection: nothing to do
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
