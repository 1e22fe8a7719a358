package org.rollscope.netcode.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rollscope.netcode.protocol.PingResponder;
import org.rollscope.netcode.transport.ImpairedTransport;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.transport.UdpTransport;
import org.rollscope.netcode.wire.MalformedPacketException;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.WireCodec;

/**
 * The reference the peers' {@code rtt_ms} is judged against: two bare UDP sockets behind the same impaired links as a
 * pair of peers, one PINGing every 20 ms, the other echoing on arrival, the round trip taken from the socket's
 * receive time. No engine, no frame loop: on a busy machine it carries the link emulator's own lateness too, which
 * is part of the round trip the peers really had (and printed apart from the model's figure).
 */
final class WirePinger implements AutoCloseable {
    private final ImpairedTransport a;
    private final ImpairedTransport b;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fidelity-pinger");
        t.setDaemon(true);
        return t;
    });
    private final List<Double> rtts = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();
    private volatile boolean recording;

    WirePinger(LinkProfile link, long seed) {
        UdpTransport udpA = UdpTransport.bind("127.0.0.1");
        UdpTransport udpB = UdpTransport.bind("127.0.0.1");
        udpA.connect(udpB.localAddress());
        udpB.connect(udpA.localAddress());
        a = new ImpairedTransport(udpA, link, seed);
        b = new ImpairedTransport(udpB, link, seed + 1);
        b.answerOnArrival(PingResponder::replyTo, b::send);
        thread.scheduleAtFixedRate(this::pingAndCollect, 0, 20, TimeUnit.MILLISECONDS);
    }

    /** Keeps the round trips measured from now on. */
    void startRecording() {
        recording = true;
    }

    /** The round trips recorded so far, in ms. */
    synchronized List<Double> rtts() {
        return List.copyOf(rtts);
    }

    /**
     * The mean round trip of the PONGs that arrived in {@code (toNanos - spanNanos, toNanos]}, or NaN when none did:
     * what the wire did over the same stretch of time a peer's {@code rtt_ms} covers, so a stall of a busy machine
     * weighs on both alike.
     */
    synchronized double meanBetween(long toNanos, long spanNanos) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            long t = arrivals.get(i);
            if (t > toNanos - spanNanos && t <= toNanos) {
                sum += rtts.get(i);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private void pingAndCollect() {
        a.send(WireCodec.encode(new Message.Ping(System.nanoTime() / 1e6)));
        a.drainArrivals((datagram, arrivedNanos) -> {
            try {
                if (recording && WireCodec.decode(datagram) instanceof Message.Pong pong) {
                    synchronized (this) {
                        rtts.add(arrivedNanos / 1e6 - pong.timestampMs());
                        arrivals.add(arrivedNanos);
                    }
                }
            } catch (MalformedPacketException e) {
                throw new IllegalStateException("our own PONG failed to decode", e);
            }
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
        a.close();
        b.close();
    }
}
