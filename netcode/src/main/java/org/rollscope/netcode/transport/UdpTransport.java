package org.rollscope.netcode.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real UDP datagrams between the two peers: the bottom of the peer-to-peer channel.
 *
 * <p>Threads: one receiver thread (named {@code udp-recv-PORT}) blocks on the socket and queues datagrams for the
 * peer loop, which drains them with {@link #drainArrivals}. {@link #send} writes straight to the socket from the
 * caller's thread: a UDP send does not wait for the network, so nothing is buffered here
 * ({@link #bufferedBytes()} is 0); bandwidth limits and delays are added by {@link ImpairedTransport} on top.
 *
 * <p>With a {@link DatagramAuth} (the peers' session key), every datagram sent is sealed and every datagram received
 * must carry a valid tag: the receiving thread drops and counts the rest before they are queued, answered or decoded,
 * so a flood of forged datagrams can neither reach the engine nor push genuine ones out of the receive queue. The
 * source-address check stays as well; it is cheap but no protection on its own (source addresses can be forged).
 */
public final class UdpTransport implements DatagramTransport {
    private static final Logger log = LoggerFactory.getLogger(UdpTransport.class);

    /** Larger than any wire.md message (an INPUT_RESPONSE of 65,535 inputs is 327 KB, but UDP caps at 64 KB). */
    private static final int MAX_DATAGRAM = 65_507;

    private static final int SOCKET_BUFFER_BYTES = 1 << 20;

    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;
    private final TransportCounters counters = new TransportCounters();
    private final ReceiveQueue received = new ReceiveQueue(counters);
    private final ExecutorService receiver;
    private final DatagramAuth auth;
    private volatile InetSocketAddress remote;
    private volatile boolean open = true;

    private UdpTransport(DatagramChannel channel, DatagramAuth auth) throws IOException {
        this.channel = channel;
        this.auth = auth;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.receiver = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "udp-recv-" + localAddress.getPort());
            t.setDaemon(true);
            return t;
        });
        receiver.execute(this::receiveLoop);
    }

    /**
     * Binds a UDP socket on {@code host} (an interface address such as 127.0.0.1) and an ephemeral port.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static UdpTransport bind(String host) {
        return bind(host, null);
    }

    /**
     * Binds as {@link #bind(String)}, authenticating every datagram with {@code auth}, or none when it is null.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static UdpTransport bind(String host, DatagramAuth auth) {
        try {
            DatagramChannel ch = DatagramChannel.open();
            // Room for bursts (a replay of INPUT_RESPONSEs, a stalled receiver thread) before the kernel drops.
            ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            ch.bind(new InetSocketAddress(host, 0));
            return new UdpTransport(ch, auth);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a UDP socket on " + host + ": " + e.getMessage(), e);
        }
    }

    /** True when datagrams are sealed and checked with the session key. */
    public boolean authenticated() {
        return auth != null;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void connect(InetSocketAddress remote) {
        this.remote = remote;
    }

    @Override
    public void send(byte[] packet) {
        InetSocketAddress to = remote;
        if (!open || to == null) {
            counters.countDroppedUnconnected();
            return;
        }
        byte[] datagram = auth == null ? packet : auth.seal(packet);
        try {
            channel.send(ByteBuffer.wrap(datagram), to);
            counters.countSent(datagram.length);
        } catch (ClosedChannelException e) {
            counters.countDroppedUnconnected();
        } catch (IOException e) {
            // Loopback sends fail only when the socket is broken: count it, the channel's health will show it.
            counters.countSendError();
            log.debug("UDP send to {} failed: {}", to, e.toString());
        }
    }

    @Override
    public int drainArrivals(ArrivalSink sink) {
        return received.drain(sink);
    }

    @Override
    public void answerOnArrival(UnaryOperator<byte[]> responder, Consumer<byte[]> replyPath) {
        received.answerOnArrival(responder, replyPath);
    }

    @Override
    public long bufferedBytes() {
        return 0;
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
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing UDP socket: {}", e.toString());
        }
        receiver.shutdownNow();
    }

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
        while (open) {
            try {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                InetSocketAddress expected = remote;
                if (expected == null || !expected.equals(from)) {
                    counters.countDroppedForeignSource();
                    continue;
                }
                buf.flip();
                byte[] datagram = new byte[buf.remaining()];
                buf.get(datagram);
                byte[] packet = auth == null ? datagram : auth.open(datagram);
                if (packet == null) {
                    counters.countDroppedUnauthenticated();
                    continue;
                }
                received.offer(packet);
            } catch (ClosedChannelException e) {
                break;
            } catch (IOException e) {
                if (open) {
                    log.debug("UDP receive failed: {}", e.toString());
                }
            }
        }
        open = false;
    }
}
