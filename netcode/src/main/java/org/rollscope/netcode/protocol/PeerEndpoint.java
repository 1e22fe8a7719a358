package org.rollscope.netcode.protocol;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.rollscope.netcode.health.GapRateTracker;
import org.rollscope.netcode.health.RttWindow;
import org.rollscope.netcode.transport.ChannelState;
import org.rollscope.netcode.wire.MalformedPacketException;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.RejectCounters;
import org.rollscope.netcode.wire.WireCodec;

/**
 * Protocol state of the peer-to-peer channel to the other peer: handshake, round trips, liveness and health. Touches
 * no sockets, owns no threads, never reads the clock (GGRS's protocol, with time passed in).
 *
 * <p>Life: {@code NOT_CONNECTED} → (our VALIDATION_PING answered) → {@code UP} → (silence for
 * {@link #failAfter}) → {@code FAILED} → (any valid packet) → {@code UP}; {@link #close} ends in {@code CLOSED}.
 * While up it PINGs every {@link #PING_INTERVAL} (wire.md: browsers do the same) and answers the other side's PINGs
 * and VALIDATION_PINGs at once, unless they are answered on arrival by {@link PingResponder} (the headless peer).
 *
 * <p>Time is in milliseconds as a {@code double}, so that a round trip can be measured from a datagram's arrival time
 * (taken by the receiving thread) to the microsecond rather than from the tick that handled it. Game messages (INPUT, STATE_HASH, EPISODE_*, INPUT_REQUEST/RESPONSE, FOCUS_STATE)
 * are queued for the engine; garbage is counted per reason and dropped, never thrown.
 *
 * <p>Threads: the peer loop only.
 */
public final class PeerEndpoint {
    /** Issue 3: "PING every 500 ms"; ten of them make the RTT mean of telemetry.md, so it spans five seconds. */
    public static final Duration PING_INTERVAL = Duration.ofMillis(500);
    /** A lost handshake packet is retried quickly: validation gates P2P, and each retry costs 9 bytes. */
    public static final Duration VALIDATION_RETRY = Duration.ofMillis(200);
    /** Six missed PINGs: long enough that a burst of loss is not a failure, short enough to fall back promptly. */
    public static final Duration DEFAULT_FAIL_AFTER = Duration.ofSeconds(3);

    private final long failAfterMs;
    private final boolean pingsAnsweredOnArrival;
    private final RttWindow rtt = new RttWindow();
    private final GapRateTracker gaps = new GapRateTracker();
    private final RejectCounters rejects = new RejectCounters();
    private final ArrayDeque<byte[]> outgoing = new ArrayDeque<>();
    private final ArrayDeque<Message> inbound = new ArrayDeque<>();
    private final ArrayDeque<EndpointEvent> events = new ArrayDeque<>();

    private ChannelState state = ChannelState.NOT_CONNECTED;
    private double lastReceivedMs = Double.NEGATIVE_INFINITY;
    private double nextValidationMs = Double.NEGATIVE_INFINITY;
    private double nextPingMs = Double.NEGATIVE_INFINITY;
    private long packetsAccepted;
    private long bogusEchoes;

    public PeerEndpoint() {
        this(DEFAULT_FAIL_AFTER);
    }

    /** @param failAfter silence after which an up channel counts as failed */
    public PeerEndpoint(Duration failAfter) {
        this(failAfter, false);
    }

    /**
     * @param failAfter silence after which an up channel counts as failed
     * @param pingsAnsweredOnArrival true when the transport answers PINGs itself ({@link PingResponder}): this
     *     endpoint then only notes their arrival, never answers them a second time
     */
    public PeerEndpoint(Duration failAfter, boolean pingsAnsweredOnArrival) {
        if (failAfter.isNegative() || failAfter.isZero()) {
            throw new IllegalArgumentException("failAfter must be > 0, got " + failAfter);
        }
        this.failAfterMs = failAfter.toMillis();
        this.pingsAnsweredOnArrival = pingsAnsweredOnArrival;
    }

    /** Silence after which an up channel counts as failed. */
    public Duration failAfter() {
        return Duration.ofMillis(failAfterMs);
    }

    /**
     * Handles one datagram from the other peer that arrived at {@code nowMs} (its arrival time, not the time it is
     * handled: round trips are measured with it). Never throws on garbage.
     */
    public void onDatagram(byte[] datagram, double nowMs) {
        if (state == ChannelState.CLOSED) {
            return;
        }
        Message message;
        try {
            message = WireCodec.decode(datagram);
        } catch (MalformedPacketException e) {
            rejects.count(e);
            return;
        }
        packetsAccepted++;
        lastReceivedMs = nowMs;
        if (state == ChannelState.FAILED) {
            changeState(ChannelState.UP);
        }
        if (message instanceof Message.ValidationPing p) {
            if (!pingsAnsweredOnArrival) {
                queue(new Message.ValidationPong(p.timestampMs()));
            }
        } else if (message instanceof Message.ValidationPong p) {
            if (state == ChannelState.NOT_CONNECTED) {
                changeState(ChannelState.UP);
                nextPingMs = nowMs;
            }
            roundTrip(p.timestampMs(), nowMs);
        } else if (message instanceof Message.Ping p) {
            if (!pingsAnsweredOnArrival) {
                queue(new Message.Pong(p.timestampMs()));
            }
        } else if (message instanceof Message.Pong p) {
            roundTrip(p.timestampMs(), nowMs);
        } else if (message instanceof Message.Keepalive) {
            return; // liveness only
        } else {
            if (message instanceof Message.Input input) {
                gaps.onInputPacket(input.currentFrame(), (long) nowMs);
            }
            inbound.add(message);
        }
    }

    /**
     * Advances timers: handshake retries, PINGs and the failure timeout. Call every tick, and hand what it queued to
     * the transport right away: a PING carries {@code nowMs} as its send time.
     */
    public void onTick(double nowMs) {
        switch (state) {
            case NOT_CONNECTED -> {
                if (nowMs >= nextValidationMs) {
                    queue(new Message.ValidationPing(nowMs));
                    nextValidationMs = nowMs + VALIDATION_RETRY.toMillis();
                }
            }
            case UP -> {
                if (lastReceivedMs != Double.NEGATIVE_INFINITY && nowMs - lastReceivedMs > failAfterMs) {
                    changeState(ChannelState.FAILED);
                }
                pingIfDue(nowMs);
            }
            case FAILED -> pingIfDue(nowMs); // keep probing: the first answer brings the channel back
            case CLOSED -> { }
        }
    }

    /** Queues a game message (INPUT, STATE_HASH, ...) for the other peer. Ignored once closed. */
    public void send(Message message) {
        if (state != ChannelState.CLOSED) {
            queue(message);
        }
    }

    /** Closes the channel for good (our socket closed, or an operator test). Queued datagrams are discarded. */
    public void close() {
        outgoing.clear();
        if (state != ChannelState.CLOSED) {
            changeState(ChannelState.CLOSED);
        }
    }

    /** Hands every queued datagram to {@code sink} (the transport), oldest first. */
    public void drainOutgoing(Consumer<byte[]> sink) {
        for (byte[] d; (d = outgoing.poll()) != null; ) {
            sink.accept(d);
        }
    }

    /** Hands every received game message to {@code sink} (the engine), in arrival order. */
    public void drainMessages(Consumer<Message> sink) {
        for (Message m; (m = inbound.poll()) != null; ) {
            sink.accept(m);
        }
    }

    /** Hands every queued event to {@code sink}. */
    public void drainEvents(Consumer<EndpointEvent> sink) {
        for (EndpointEvent e; (e = events.poll()) != null; ) {
            sink.accept(e);
        }
    }

    /** Wire frame numbers restart with each episode: the gap estimate must not read that as a jump back. */
    public void onEpisodeStart() {
        gaps.onEpisodeStart();
    }

    public ChannelState state() {
        return state;
    }

    /** telemetry.md {@code rtt_ms}: mean of the last 10 round trips, or null before the first. */
    public Double rttMs() {
        return rtt.meanMs();
    }

    /** telemetry.md {@code gap_rate} over the last 5 s, or null when no INPUT arrived in that time. */
    public Double gapRate(double nowMs) {
        return gaps.gapRate((long) nowMs);
    }

    /** Rejected datagrams by reason (text frames counted apart from malformed ones). */
    public RejectCounters rejects() {
        return rejects;
    }

    /** Datagrams that decoded. */
    public long packetsAccepted() {
        return packetsAccepted;
    }

    /** PONGs whose echoed timestamp we cannot have sent (in the future, or over a minute old): counted, ignored. */
    public long bogusEchoes() {
        return bogusEchoes;
    }

    private void pingIfDue(double nowMs) {
        if (nowMs >= nextPingMs) {
            queue(new Message.Ping(nowMs));
            nextPingMs = nowMs + PING_INTERVAL.toMillis();
        }
    }

    private void roundTrip(double sentAtMs, double nowMs) {
        double rttMs = nowMs - sentAtMs;
        if (rttMs < 0 || rttMs > 60_000) {
            bogusEchoes++;
            return; // an echo of a timestamp we never sent (or from before a restart): no figure to learn
        }
        rtt.add(rttMs, (long) nowMs);
        events.add(new EndpointEvent.RoundTrip(sentAtMs, rttMs));
    }

    private void changeState(ChannelState to) {
        events.add(new EndpointEvent.StateChanged(state, to));
        state = to;
    }

    private void queue(Message message) {
        outgoing.add(WireCodec.encode(message));
    }
}
