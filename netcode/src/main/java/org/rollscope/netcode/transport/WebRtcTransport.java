package org.rollscope.netcode.transport;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceConnectionState;
import dev.onvoid.webrtc.RTCIceServer;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer-to-peer channel as MUG's browsers make it: one WebRTC DataChannel labelled {@code game},
 * {@code {ordered: false, maxRetransmits: 0}} (UDP-like; the netcode repairs loss), created by the offerer (the lower
 * player id). Signalling is the caller's: what this side must tell the other comes out of {@link #drainSignals}, what
 * the other side said goes into {@link #onSignal}, in MUG's {@code webrtc_signal} shapes ({@link WebRtcSignals}).
 *
 * <p>Threads: every libwebrtc call runs on one control thread ({@code webrtc-N}); libwebrtc's callbacks only queue
 * work for it, so no lock is ever held across a native call (libwebrtc's proxies block on its own signalling thread,
 * which is where callbacks come from). Received packets queue for {@link #drainArrivals} (peer loop). {@link #send}
 * writes to the DataChannel from the caller's thread. The control thread also reads the selected candidate pair's
 * statistics every second ({@link #icePath()}).
 */
public final class WebRtcTransport implements PeerChannel {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);
    private static final AtomicInteger NUMBER = new AtomicInteger();
    /** ICE statistics are a consent-check figure, refreshed by libwebrtc about once a second. */
    private static final long STATS_PERIOD_MS = 1_000;
    /** An unanswered offer is repeated this often when {@code repeatOffer} (a relay restart can lose it). */
    private static final long OFFER_REPEAT_MS = 2_000;

    private final String name = "webrtc-" + NUMBER.incrementAndGet();
    private final boolean offerer;
    private final boolean repeatOffer;
    private final ScheduledExecutorService control;
    private final RTCPeerConnection connection;
    private final ConcurrentLinkedQueue<Signal> outgoing = new ConcurrentLinkedQueue<>();
    private final TransportCounters counters = new TransportCounters();
    private final ReceiveQueue received = new ReceiveQueue(counters);
    private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>(); // control thread only
    private boolean remoteDescriptionSet; // control thread only
    private volatile RTCDataChannel channel;
    private volatile boolean open = true;
    private volatile boolean answered;
    private volatile IcePath icePath;
    private volatile String iceState = "new";
    private volatile Consumer<String> textSink;

    /** One signalling message for the other side: {@code offer}, {@code answer} or {@code ice-candidate}. */
    public record Signal(String type, JSONObject payload) {}

    private WebRtcTransport(List<IceServer> iceServers, boolean offerer, boolean repeatOffer) {
        this.offerer = offerer;
        this.repeatOffer = repeatOffer;
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        RTCConfiguration config = new RTCConfiguration();
        for (IceServer s : iceServers) {
            RTCIceServer server = new RTCIceServer();
            server.urls.add(s.url());
            server.username = s.username();
            server.password = s.credential();
            config.iceServers.add(server);
        }
        this.connection = WebRtcFactory.get().createPeerConnection(config, new ConnectionEvents());
    }

    /**
     * Starts a connection: the offerer creates the {@code game} channel and sends its offer at once; the answerer
     * waits for the offer.
     *
     * @param offerer true for the lower player id (MUG's rule, wire.md)
     * @param repeatOffer repeat an unanswered offer every 2 s: right between two Rollscope peers (a relay restart can
     *                    lose a signal), wrong towards a browser, which would take a repeat for a renegotiation
     * @throws IllegalStateException when libwebrtc cannot load
     */
    public static WebRtcTransport start(List<IceServer> iceServers, boolean offerer, boolean repeatOffer) {
        WebRtcTransport t = new WebRtcTransport(iceServers, offerer, repeatOffer);
        if (offerer) {
            t.control.execute(t::createChannelAndOffer);
        }
        t.control.scheduleWithFixedDelay(t::readStats, STATS_PERIOD_MS, STATS_PERIOD_MS, TimeUnit.MILLISECONDS);
        return t;
    }

    /** True for the side that creates the channel and the offer. */
    public boolean offerer() {
        return offerer;
    }

    /**
     * Takes a signal from the other side ({@code webrtc_signal} of type {@code offer}, {@code answer} or
     * {@code ice-candidate}). Any thread; never blocks. Malformed or unexpected signals are logged and ignored.
     */
    public void onSignal(String type, JSONObject payload) {
        if (payload == null || !open) {
            return;
        }
        onControl(() -> {
            switch (type) {
                case WebRtcSignals.OFFER -> onOffer(payload);
                case WebRtcSignals.ANSWER -> onAnswer(payload);
                case WebRtcSignals.ICE_CANDIDATE -> onCandidate(payload);
                default -> LOG.debug("{}: ignored signal of type {}", name, type);
            }
        });
    }

    /** Hands every signal to send since the last call to {@code sink}, in order. Peer loop. */
    public void drainSignals(Consumer<Signal> sink) {
        for (Signal s; (s = outgoing.poll()) != null; ) {
            sink.accept(s);
        }
    }

    /** The selected candidate pair's types and ICE round trip, or null before ICE chose a pair. */
    public IcePath icePath() {
        return icePath;
    }

    /** libwebrtc's ICE connection state, lower case ({@code new}, {@code checking}, {@code connected}, ...). */
    public String iceState() {
        return iceState;
    }

    /** True once the DataChannel is open (packets can flow). */
    public boolean channelOpen() {
        RTCDataChannel c = channel;
        return open && c != null && c.getState() == RTCDataChannelState.OPEN;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void send(byte[] packet) {
        RTCDataChannel c = channel;
        if (!open || c == null || c.getState() != RTCDataChannelState.OPEN) {
            counters.countDroppedUnconnected();
            return;
        }
        try {
            c.send(new RTCDataChannelBuffer(ByteBuffer.wrap(packet), true));
            counters.countSent(packet.length);
        } catch (Exception e) {
            counters.countSendError(); // a channel closing under us: its state change closes this transport
            LOG.debug("{}: send failed: {}", name, e.toString());
        }
    }

    /**
     * Sends one text message (a JSON string, as MUG's probe pings are; the game's packets are binary). Returns false
     * when the channel is not open or the send failed.
     */
    public boolean sendText(String message) {
        RTCDataChannel c = channel;
        if (!open || c == null || c.getState() != RTCDataChannelState.OPEN) {
            return false;
        }
        try {
            c.send(new RTCDataChannelBuffer(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), false));
            return true;
        } catch (Exception e) {
            LOG.debug("{}: text send failed: {}", name, e.toString());
            return false;
        }
    }

    /**
     * Hands every text message that arrives from now on to {@code sink}, on libwebrtc's thread at arrival (so an
     * answer sent from it adds no queueing to a round trip); the sink must not block. Without one, text messages are
     * counted and dropped, as the game channel's wire format is binary only.
     */
    public void onText(Consumer<String> sink) {
        textSink = sink;
    }

    @Override
    public int drainArrivals(ArrivalSink sink) {
        return received.drain(sink);
    }

    @Override
    public void answerOnArrival(UnaryOperator<byte[]> responder, Consumer<byte[]> replyPath) {
        received.answerOnArrival(responder, replyPath);
    }

    /** The DataChannel's own {@code bufferedAmount}: bytes it accepted and SCTP has not yet sent. */
    @Override
    public long bufferedBytes() {
        RTCDataChannel c = channel;
        return c == null || !open ? 0 : c.getBufferedAmount();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public TransportCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        control.execute(() -> {
            RTCDataChannel c = channel;
            if (c != null) {
                c.unregisterObserver();
                c.close();
            }
            connection.close();
        });
        control.shutdown();
    }

    /** Runs {@code task} on the control thread; after {@link #close} there is nothing left to do, so it is dropped. */
    private void onControl(Runnable task) {
        try {
            control.execute(task);
        } catch (RejectedExecutionException closed) {
            LOG.debug("{}: closed, dropped a late callback", name);
        }
    }

    private void later(Runnable task, long delayMs) {
        try {
            control.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            LOG.debug("{}: closed, nothing to repeat", name);
        }
    }

    private void createChannelAndOffer() {
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.ordered = false;
        init.maxRetransmits = 0;
        attach(connection.createDataChannel("game", init));
        connection.createOffer(new RTCOfferOptions(), new Described(offer ->
                connection.setLocalDescription(offer, new Applied(() -> {
                    outgoing.add(new Signal(WebRtcSignals.OFFER, WebRtcSignals.description(offer)));
                    if (repeatOffer) {
                        later(this::repeatOffer, OFFER_REPEAT_MS);
                    }
                }))));
    }

    private void repeatOffer() {
        RTCSessionDescription offer = connection.getLocalDescription();
        if (answered || !open || offer == null) {
            return;
        }
        outgoing.add(new Signal(WebRtcSignals.OFFER, WebRtcSignals.description(offer)));
        later(this::repeatOffer, OFFER_REPEAT_MS);
    }

    private void onOffer(JSONObject payload) {
        RTCSessionDescription offer = WebRtcSignals.description(payload, RTCSdpType.OFFER);
        if (offer == null || offerer) {
            LOG.debug("{}: ignored an offer ({})", name, offer == null ? "malformed" : "this side offers");
            return;
        }
        if (remoteDescriptionSet) {
            RTCSessionDescription answer = connection.getLocalDescription(); // a repeat: our answer was lost
            if (answer != null) {
                outgoing.add(new Signal(WebRtcSignals.ANSWER, WebRtcSignals.description(answer)));
            }
            return;
        }
        remoteDescriptionSet = true;
        connection.setRemoteDescription(offer, new Applied(() -> {
            flushCandidates();
            connection.createAnswer(new RTCAnswerOptions(), new Described(answer ->
                    connection.setLocalDescription(answer, new Applied(() -> outgoing.add(
                            new Signal(WebRtcSignals.ANSWER, WebRtcSignals.description(answer)))))));
        }));
    }

    private void onAnswer(JSONObject payload) {
        RTCSessionDescription answer = WebRtcSignals.description(payload, RTCSdpType.ANSWER);
        if (answer == null || !offerer || remoteDescriptionSet) {
            return; // malformed, or a repeat of an answer already applied
        }
        remoteDescriptionSet = true;
        answered = true;
        connection.setRemoteDescription(answer, new Applied(this::flushCandidates));
    }

    private void onCandidate(JSONObject payload) {
        RTCIceCandidate c = WebRtcSignals.candidate(payload);
        if (c == null) {
            return; // end of candidates
        }
        if (remoteDescriptionSet) {
            connection.addIceCandidate(c);
        } else {
            pendingCandidates.add(c); // a candidate can overtake the description it belongs to
        }
    }

    private void flushCandidates() {
        pendingCandidates.forEach(connection::addIceCandidate);
        pendingCandidates.clear();
    }

    private void attach(RTCDataChannel c) {
        channel = c;
        c.registerObserver(new RTCDataChannelObserver() {
            @Override
            public void onBufferedAmountChange(long previousAmount) { }

            @Override
            public void onStateChange() {
                onControl(() -> {
                    RTCDataChannelState state = c.getState();
                    LOG.info("{}: channel {} {}", name, c.getLabel(), state);
                    if (state == RTCDataChannelState.CLOSED || state == RTCDataChannelState.CLOSING) {
                        open = false;
                    }
                });
            }

            @Override
            public void onMessage(RTCDataChannelBuffer buffer) {
                if (!buffer.binary) {
                    Consumer<String> sink = textSink;
                    if (sink == null) {
                        counters.countTextFrameIgnored();
                        return;
                    }
                    byte[] text = new byte[buffer.data.remaining()];
                    buffer.data.get(text);
                    try {
                        sink.accept(new String(text, StandardCharsets.UTF_8));
                    } catch (RuntimeException e) {
                        LOG.warn("{}: handling a text message failed: {}", name, e.toString());
                    }
                    return;
                }
                byte[] packet = new byte[buffer.data.remaining()];
                buffer.data.get(packet); // the buffer is libwebrtc's and valid only during this call
                received.offer(packet);
            }
        });
    }

    private void readStats() {
        if (!open) {
            return;
        }
        connection.getStats(report -> {
            IcePath path = IceStats.selectedPath(report);
            if (path != null) {
                icePath = path;
            }
        });
    }

    /** libwebrtc's connection callbacks: each only queues work or records a state. */
    private final class ConnectionEvents implements PeerConnectionObserver {
        @Override
        public void onIceCandidate(RTCIceCandidate candidate) {
            outgoing.add(new Signal(WebRtcSignals.ICE_CANDIDATE, WebRtcSignals.candidate(candidate)));
        }

        @Override
        public void onIceConnectionChange(RTCIceConnectionState state) {
            iceState = state.name().toLowerCase(java.util.Locale.ROOT);
            LOG.info("{}: ICE {}", name, iceState);
            if (state == RTCIceConnectionState.FAILED) {
                open = false; // ICE gave up: no path to the other side (the policy falls back, reason closed)
            }
        }

        @Override
        public void onDataChannel(RTCDataChannel c) {
            onControl(() -> {
                if (!offerer && channel == null && "game".equals(c.getLabel())) {
                    attach(c);
                }
            });
        }
    }

    /** A created description handed to the control thread; a failure is logged (the channel then never opens). */
    private final class Described implements CreateSessionDescriptionObserver {
        private final Consumer<RTCSessionDescription> then;

        Described(Consumer<RTCSessionDescription> then) {
            this.then = then;
        }

        @Override
        public void onSuccess(RTCSessionDescription d) {
            onControl(() -> then.accept(d));
        }

        @Override
        public void onFailure(String error) {
            LOG.warn("{}: creating a session description failed: {}", name, error);
        }
    }

    /** A description applied; the continuation runs on the control thread. */
    private final class Applied implements SetSessionDescriptionObserver {
        private final Runnable then;

        Applied(Runnable then) {
            this.then = then;
        }

        @Override
        public void onSuccess() {
            onControl(then);
        }

        @Override
        public void onFailure(String error) {
            LOG.warn("{}: applying a session description failed: {}", name, error);
        }
    }
}
