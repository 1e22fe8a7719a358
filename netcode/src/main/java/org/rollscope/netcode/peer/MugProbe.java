package org.rollscope.netcode.peer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONException;
import org.json.JSONObject;
import org.rollscope.netcode.transport.IceServer;
import org.rollscope.netcode.transport.ImpairedLink;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.transport.WebRtcTransport;

/**
 * One run of MUG's matchmaker RTT probe on a participant's side (MUG's {@code probe_coordinator.py}; the page's
 * {@code ProbeConnection} and {@code ProbeManager}): a WebRTC connection of its own to the candidate partner (the
 * page's offerer rule on the two subject ids, signalling by {@code probe_signal}), the partner's pings answered at
 * once, and its own measurement as the page makes it: five JSON pings {@code {type, seq, ts}} one after another, each
 * waited for up to 2 s, 100 ms apart, the median of those answered. MUG pairs the two when the first result it gets
 * is within the scene's {@code max_p2p_rtt_ms}.
 *
 * <p>The participant's link profile ({@code --link}) applies to the probe's pings and pongs as to the game's packets,
 * so a pilot on a slow link shows MUG's matchmaker the round trip it will play with.
 *
 * <p>Threads: the participant's loop calls everything; pings are answered and pongs timed on libwebrtc's thread, as
 * they arrive, so the loop's 50 ms pace adds nothing to a round trip.
 */
final class MugProbe implements AutoCloseable {
    /** The page's {@code measureRTT} defaults. */
    static final int PINGS = 5;
    static final long PING_TIMEOUT_MS = 2_000;
    static final long PING_GAP_MS = 100;
    /** The page gives up on a probe connection that did not open within this long. */
    static final long CONNECT_TIMEOUT_MS = 10_000;
    /** After its result the probe still answers the partner's pings in flight this long, then closes. */
    static final long LINGER_MS = PING_TIMEOUT_MS;

    /** Where the probe's signals go: {@code probe_signal {probe_session_id, target_subject_id, type, payload}}. */
    interface Signals {
        void send(String probeSessionId, String targetSubjectId, String type, JSONObject payload);
    }

    /**
     * What the probe measured.
     *
     * @param rttMs the median round trip, or null when no ping was answered (the probe failed)
     * @param rttsMs every answered round trip, in order
     */
    record Outcome(Double rttMs, List<Double> rttsMs) {
        boolean success() {
            return rttMs != null;
        }
    }

    private record Pong(long seq, long arrivedNanos) {}

    private final String sessionId;
    private final String peerSubjectId;
    private final Signals signals;
    private final WebRtcTransport transport;
    private final ImpairedLink<String> out;
    private final long startedMs;
    private final ConcurrentLinkedQueue<Pong> pongs = new ConcurrentLinkedQueue<>();
    private final AtomicLong pingsAnswered = new AtomicLong();
    private final List<Double> rtts = new ArrayList<>();
    private int pingsSent;
    private long outstandingSeq = -1;
    private long sentNanos;
    private long sentMs;
    private long nextPingMs;
    private Outcome outcome;
    private long finishedMs;

    private MugProbe(String sessionId, String peerSubjectId, Signals signals, WebRtcTransport transport,
                     LinkProfile link, long nowMs) {
        this.sessionId = sessionId;
        this.peerSubjectId = peerSubjectId;
        this.signals = signals;
        this.transport = transport;
        this.out = new ImpairedLink<>(transport::sendText, link, sessionId.hashCode(), "link-probe");
        this.startedMs = nowMs;
        transport.onText(this::onText);
    }

    /**
     * Opens the probe's connection towards {@code peerSubjectId} (MUG's {@code probe_start}).
     *
     * @param link the participant's link profile, applied to what the probe sends
     * @param nowMs the participant's clock, for the probe's timeouts
     */
    static MugProbe start(String sessionId, String localSubjectId, String peerSubjectId, List<IceServer> iceServers,
                          LinkProfile link, Signals signals, long nowMs) {
        WebRtcTransport rtc = WebRtcTransport.start(iceServers, MugIdOrder.offers(localSubjectId, peerSubjectId),
                false);
        return new MugProbe(sessionId, peerSubjectId, signals, rtc, link, nowMs);
    }

    String sessionId() {
        return sessionId;
    }

    /** A {@code probe_signal} from the partner (offer, answer or ICE candidate). */
    void onSignal(String type, JSONObject payload) {
        transport.onSignal(type, payload);
    }

    /**
     * Sends what is due: signals, the next ping, the outcome once measured (returned once, then null on later ticks).
     */
    Outcome tick(long nowMs) {
        transport.drainSignals(s -> signals.send(sessionId, peerSubjectId, s.type(), s.payload()));
        if (outcome != null) {
            if (nowMs - finishedMs >= LINGER_MS) {
                close();
            }
            return null;
        }
        if (!transport.channelOpen()) {
            boolean gaveUp = pingsSent > 0 || !transport.isOpen() || nowMs - startedMs >= CONNECT_TIMEOUT_MS;
            return gaveUp ? finish(nowMs) : null; // closed mid-way, ICE failed, or never opened
        }
        takePongs(nowMs);
        if (outstandingSeq >= 0 && nowMs - sentMs >= PING_TIMEOUT_MS) {
            outstandingSeq = -1; // lost: the page moves on to the next ping too
            nextPingMs = nowMs + PING_GAP_MS;
        }
        if (outstandingSeq < 0) {
            if (pingsSent == PINGS) {
                return finish(nowMs);
            }
            if (nowMs >= nextPingMs) {
                sendPing(nowMs);
            }
        }
        return null;
    }

    /** How many of the partner's pings this side answered so far. */
    long pingsAnswered() {
        return pingsAnswered.get();
    }

    /** The outcome once measured, else null. */
    Outcome outcome() {
        return outcome;
    }

    @Override
    public void close() {
        out.close();
        transport.close();
    }

    private void sendPing(long nowMs) {
        long seq = pingsSent++;
        outstandingSeq = seq;
        sentMs = nowMs;
        sentNanos = System.nanoTime();
        send(new JSONObject().put("type", "ping").put("seq", seq).put("ts", System.currentTimeMillis()).toString());
    }

    /** Through the participant's link profile, as every other message of the pilot's. */
    private void send(String text) {
        out.send(text, text.length());
    }

    private void takePongs(long nowMs) {
        for (Pong p; (p = pongs.poll()) != null; ) {
            if (p.seq() == outstandingSeq) {
                rtts.add((p.arrivedNanos() - sentNanos) / 1e6);
                outstandingSeq = -1;
                nextPingMs = nowMs + PING_GAP_MS;
            }
        }
    }

    private Outcome finish(long nowMs) {
        finishedMs = nowMs;
        outcome = new Outcome(median(rtts), List.copyOf(rtts));
        return outcome;
    }

    /** The page's median: the middle value, or the mean of the two middle ones. */
    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    /** libwebrtc's thread: a ping is answered with its own seq and ts at once; a pong is timed. */
    private void onText(String text) {
        long arrived = System.nanoTime();
        JSONObject m;
        try {
            m = new JSONObject(text);
        } catch (JSONException notJson) {
            return; // the page ignores what it cannot parse as well
        }
        switch (m.optString("type")) {
            case "ping" -> {
                if (transport.channelOpen()) {
                    send(new JSONObject().put("type", "pong").put("seq", m.opt("seq")).put("ts", m.opt("ts"))
                            .toString());
                    pingsAnswered.incrementAndGet();
                }
            }
            case "pong" -> pongs.add(new Pong(m.optLong("seq", -1), arrived));
            default -> { }
        }
    }
}
