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
     * The statistic a peer reports, computed on this pinger's round trips: the mean of {@code window} consecutive
     * PINGs {@code stride} pings apart (a peer PINGs every 500 ms, this pinger every 20 ms: stride 25), for every
     * starting ping, so the same kind of figure is compared with the same kind (a mean of ten carries a machine's
     * stalls that a median of single pings would hide).
     */
    synchronized List<Double> windowMeans(int stride, int window) {
        List<Double> means = new ArrayList<>();
        for (int start = 0; start + (window - 1) * stride < rtts.size(); start++) {
            double sum = 0;
            for (int k = 0; k < window; k++) {
                sum += rtts.get(start + k * stride);
            }
            means.add(sum / window);
        }
        return means;
    }

    private void pingAndCollect() {
        a.send(WireCodec.encode(new Message.Ping(System.nanoTime() / 1e6)));
        a.drainArrivals((datagram, arrivedNanos) -> {
            try {
                if (recording && WireCodec.decode(datagram) instanceof Message.Pong pong) {
                    synchronized (this) {
                        rtts.add(arrivedNanos / 1e6 - pong.timestampMs());
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
