package org.rollscope.netcode.relay.embed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps open TCP connections in total and per client address: a connection over either cap is closed as soon as it
 * opens, before any request is read. Counted per {@link EndPoint} (one TCP connection), so a WebSocket upgrade,
 * which swaps the endpoint's {@link Connection}, is not counted twice. Closed endpoints are forgotten lazily, when
 * a count nears its cap, so no close event can be missed.
 *
 * <p>Thread-safe: Jetty calls it from its selector threads. Counts are exact enough: two connections racing for the
 * last slot may both get in.
 */
final class ConnectionCaps implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCaps.class);

    private final int maxTotal;
    private final int maxPerAddress;
    private final Set<EndPoint> all = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Set<EndPoint>> byAddress = new ConcurrentHashMap<>();
    private final LongAdder refusedTotal = new LongAdder();
    private final LongAdder refusedPerAddress = new LongAdder();

    ConnectionCaps(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (all.contains(endPoint)) {
            return; // an upgrade of a connection already counted
        }
        InetAddress address = addressOf(endPoint.getRemoteSocketAddress());
        Set<EndPoint> mine = byAddress.computeIfAbsent(address, a -> ConcurrentHashMap.newKeySet());
        if (mine.size() >= maxPerAddress) {
            mine.removeIf(e -> !e.isOpen());
        }
        if (all.size() >= maxTotal) {
            all.removeIf(e -> !e.isOpen());
        }
        if (mine.size() >= maxPerAddress) {
            refuse(endPoint, refusedPerAddress, "more than " + maxPerAddress + " connections from " + address);
            return;
        }
        if (all.size() >= maxTotal) {
            refuse(endPoint, refusedTotal, "more than " + maxTotal + " connections");
            return;
        }
        mine.add(endPoint);
        all.add(endPoint);
    }

    @Override
    public void onClosed(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (endPoint.isOpen()) {
            return; // upgraded: the same TCP connection lives on
        }
        all.remove(endPoint);
        Set<EndPoint> mine = byAddress.get(addressOf(endPoint.getRemoteSocketAddress()));
        if (mine != null) {
            mine.remove(endPoint);
        }
    }

    /** Connections refused because the relay had {@code maxConnections} open. */
    long refusedTotal() {
        return refusedTotal.sum();
    }

    /** Connections refused because their address had {@code maxConnectionsPerAddress} open. */
    long refusedPerAddress() {
        return refusedPerAddress.sum();
    }

    /** Open connections counted now (closed ones not yet forgotten may be included). */
    int open() {
        return all.size();
    }

    private static void refuse(EndPoint endPoint, LongAdder counter, String why) {
        counter.increment();
        if (counter.sum() % 1000 == 1) { // a flood would otherwise flood the log
            LOG.warn("closing new connection from {}: {} (refused so far: {})", endPoint.getRemoteSocketAddress(),
                    why, counter.sum());
        }
        endPoint.close();
    }

    private static InetAddress addressOf(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }
}
