package org.rollscope.netcode.relay.embed;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.websocket.core.WebSocketConnection;

/**
 * A connector on which the WebSocket connections' I/O runs on the selecting thread itself, while HTTP (long-polling,
 * the upgrade request, plain servlets) keeps Jetty's usual hand-off to a pool thread.
 *
 * <p>Why: a telemetry sample is one small WebSocket frame on one of hundreds of connections, so nearly every wake-up
 * of the selector finds one ready connection. Jetty treats a connection's read task as blocking, so for each frame its
 * execution strategy wakes a second thread (to take over selecting, or to run the read) and parks one: about half of
 * the relay's CPU per sample went to that hand-off (docs/relay-performance.md). A WebSocket read whose handlers never
 * block can run where it was selected.
 *
 * <p>That is only safe because every WebSocket frame's handler either cannot block (the hot packets, see
 * {@link FrameLane}) or is handed to the pool by {@link JettyEngineIoWebSocket} itself; HTTP connections, whose
 * servlet writes do block, are left as they were (a blocking write on the thread that must complete it deadlocks).
 */
final class SelectorReadingConnector extends ServerConnector {

    /**
     * Jetty's default is one selecting thread per two cores (one on a 2-core machine). Now that the selecting threads
     * also read and handle every WebSocket frame, a second one keeps a core's worth of frames from queueing behind one
     * thread when the machine is busy (the scheduler shares a core per thread, not per process).
     */
    static int selectorsFor(int cores) {
        return Math.max(2, cores / 2);
    }

    SelectorReadingConnector(Server server) {
        super(server, -1, selectorsFor(Runtime.getRuntime().availableProcessors()));
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SocketChannelEndPoint endPoint = new WebSocketOnSelectorEndPoint(channel, selector, key, this);
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }

    /** An endpoint whose ready tasks are declared non-blocking while its connection is a WebSocket. */
    private static final class WebSocketOnSelectorEndPoint extends SocketChannelEndPoint {

        WebSocketOnSelectorEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key,
                                    ServerConnector connector) {
            super(channel, selector, key, connector.getScheduler());
        }

        @Override
        public Runnable onSelected() {
            Runnable task = super.onSelected();
            Connection connection = getConnection();
            if (task == null || !(connection instanceof WebSocketConnection)) {
                return task;
            }
            // Read, parse, hand the frame to JettyEngineIoWebSocket (which only runs non-blocking work here), and
            // complete queued writes: all without waiting, so Jetty's strategy runs it on this thread.
            return Invocable.from(Invocable.InvocationType.NON_BLOCKING, task);
        }
    }
}
