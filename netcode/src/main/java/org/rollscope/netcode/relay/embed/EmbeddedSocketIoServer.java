package org.rollscope.netcode.relay.embed;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.socket.socketio.server.SocketIoServer;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A Socket.IO v4 server on Jetty 12: Engine.IO long-polling through a servlet, WebSocket through Jetty's upgrade
 * handler, both under {@code /socket.io/}. Namespaces and their handlers are added by the owner through
 * {@link #socketIo()} before or after {@link #start()}.
 *
 * <p>Threads: Jetty's pool (named {@code relay-jetty-*}) runs the Socket.IO handlers; a WebSocket text frame the
 * owner declares non-blocking is handled on the pool thread that is selecting, where it was read
 * ({@link SelectorReadingConnector}); engine.io's scheduler runs pings. {@link #start()} and {@link #close()} block until the connector is bound / stopped.
 */
public final class EmbeddedSocketIoServer implements AutoCloseable {

    /** The path Socket.IO clients use by default. */
    public static final String SOCKET_IO_PATH = "/socket.io/";
    /**
     * Header the server sets on every engine.io connection's initial headers ({@code getInitialHeaders()}): the
     * client's IP address as the TCP connection shows it. A client-sent header of this name is dropped.
     */
    public static final String REMOTE_ADDRESS_HEADER = "X-Rollscope-Remote-Address";
    /**
     * Header the server sets on every WebSocket connection's initial headers: a random id of that connection, by which
     * the {@link TextFrameShortcut} finds what the connection's namespace sockets registered (Socket.IO sees the
     * same headers through {@code SocketIoSocket.getInitialHeaders()}). A client-sent header of this name is dropped
     * on every transport, so that no client can name another's connection.
     */
    public static final String CONNECTION_HEADER = "X-Rollscope-Connection";

    /** Threads of {@link #engineIoTimers(String)}: pings are sent from them, nothing else runs there. */
    static final int ENGINE_IO_TIMER_THREADS = 2;

    private final EngineIoServer engineIo;
    private final ScheduledThreadPoolExecutor engineIoTimers;
    private final SocketIoServer socketIo;
    private final Server jetty;
    private final ServerConnector connector;
    private final ServletContextHandler context;
    private final ConnectionCaps connectionCaps;
    private final BoundedPollingServlet polling;
    private final WebSocketBacklogs backlogs = new WebSocketBacklogs();
    private final TextFrameShortcut shortcut;

    /**
     * @param host interface to bind, e.g. {@code 127.0.0.1}
     * @param port TCP port, 0 for an ephemeral one
     * @param maxFrameBytes largest WebSocket message accepted; a larger one closes that connection (status 1009)
     * @param authenticator admits or refuses namespace connects (see {@link ConnectGate})
     */
    public EmbeddedSocketIoServer(String host, int port, long maxFrameBytes, ConnectAuthenticator authenticator) {
        this(host, port, new HttpLimits(HttpLimits.DEFAULT_MAX_CONNECTIONS,
                HttpLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, maxFrameBytes,
                Math.max(maxFrameBytes, HttpLimits.DEFAULT_MAX_BUFFERED_BODY_BYTES), HttpLimits.DEFAULT_BODY_TIMEOUT,
                HttpLimits.DEFAULT_IDLE_TIMEOUT, maxFrameBytes, HttpLimits.DEFAULT_PING_INTERVAL,
                HttpLimits.DEFAULT_PING_TIMEOUT), authenticator);
    }

    /**
     * @param host interface to bind, e.g. {@code 127.0.0.1}
     * @param port TCP port, 0 for an ephemeral one
     * @param limits connection caps, body and frame sizes, timeouts
     * @param authenticator admits or refuses namespace connects on every transport (see {@link ConnectGate})
     */
    public EmbeddedSocketIoServer(String host, int port, HttpLimits limits, ConnectAuthenticator authenticator) {
        this(host, port, limits, authenticator, frame -> false, TextFrameShortcut.NONE);
    }

    /**
     * @param host interface to bind, e.g. {@code 127.0.0.1}
     * @param port TCP port, 0 for an ephemeral one
     * @param limits connection caps, body and frame sizes, timeouts
     * @param authenticator admits or refuses namespace connects on every transport (see {@link ConnectGate})
     * @param nonBlockingFrames true for an engine.io text frame whose handlers never block (no disk, no waiting on
     *     another thread): it is handled where it was read, on the selecting thread, saving a thread hand-off per
     *     frame. Everything else goes to the pool. Must be cheap: it sees every frame.
     */
    public EmbeddedSocketIoServer(String host, int port, HttpLimits limits, ConnectAuthenticator authenticator,
                                  Predicate<String> nonBlockingFrames) {
        this(host, port, limits, authenticator, nonBlockingFrames, TextFrameShortcut.NONE);
    }

    /**
     * @param host interface to bind, e.g. {@code 127.0.0.1}
     * @param port TCP port, 0 for an ephemeral one
     * @param limits connection caps, body and frame sizes, timeouts
     * @param authenticator admits or refuses namespace connects on every transport (see {@link ConnectGate})
     * @param nonBlockingFrames as above
     * @param shortcut sees every WebSocket text frame that the gate let through before engine.io does
     */
    public EmbeddedSocketIoServer(String host, int port, HttpLimits limits, ConnectAuthenticator authenticator,
                                  Predicate<String> nonBlockingFrames, TextFrameShortcut shortcut) {
        this.shortcut = shortcut;
        long maxFrameBytes = limits.maxFrameBytes();
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault();
        options.setAllowedCorsOrigins(EngineIoServerOptions.ALLOWED_CORS_ORIGIN_ALL); // MUG pages are served elsewhere
        options.setPingInterval(limits.pingInterval().toMillis());
        options.setPingTimeout(limits.pingTimeout().toMillis());
        this.engineIoTimers = engineIoTimers("relay-engineio-timer");
        options.setScheduledExecutorService(engineIoTimers);
        this.engineIo = new EngineIoServer(options);
        this.socketIo = new SocketIoServer(engineIo);

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("relay-jetty");
        this.jetty = new Server(threads);
        this.connector = new SelectorReadingConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        this.connectionCaps = new ConnectionCaps(limits.maxConnections(), limits.maxConnectionsPerAddress());
        connector.addEventListener(connectionCaps);
        jetty.addConnector(connector);

        this.context = new ServletContextHandler("/");
        ConnectGate gate = new ConnectGate(authenticator);
        this.polling = new BoundedPollingServlet(engineIo, gate, limits);
        ServletHolder pollingHolder = new ServletHolder(polling);
        pollingHolder.setAsyncSupported(true); // bodies are read asynchronously; long polls wait without a thread
        context.addServlet(pollingHolder, SOCKET_IO_PATH + "*");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(jetty, context, container -> {
            container.setMaxTextMessageSize(maxFrameBytes);
            container.setMaxBinaryMessageSize(maxFrameBytes);
            container.setIdleTimeout(limits.idleTimeout());
            container.addMapping(SOCKET_IO_PATH + "*", (request, response, callback) ->
                    new JettyEngineIoWebSocket(request.getHttpURI().getQuery(), headersOf(request), gate, engineIo,
                            nonBlockingFrames, threads, shortcut, backlogs));
        });
        context.insertHandler(upgrade);
        jetty.setHandler(context);
    }

    /**
     * The scheduler engine.io runs its ping and ping-timeout tasks on. engine.io cancels a connection's ping timeout
     * and schedules a new one for every packet it receives; on its own default pool (20 threads, cancelled tasks
     * left in the queue) each of those cancelled tasks still fell due ~10 s later and woke a pool thread to do
     * nothing: two context switches and ~50 us of relay CPU per telemetry sample in the profile
     * (docs/relay-performance.md). Here a cancelled task leaves the queue at once, so only real pings and real
     * timeouts wake a thread, and two threads are enough (a ping is one non-blocking write).
     */
    static ScheduledThreadPoolExecutor engineIoTimers(String name) {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(ENGINE_IO_TIMER_THREADS, task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return timers;
    }

    /** Tasks waiting in engine.io's scheduler (pings and ping timeouts): about two per open connection. */
    int engineIoTimersQueued() {
        return engineIoTimers.getQueue().size();
    }

    private static Map<String, List<String>> headersOf(Request request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            if (!isServerHeader(field.getName())) { // only the server may set them
                headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
            }
        }
        headers.put(REMOTE_ADDRESS_HEADER, List.of(Request.getRemoteAddr(request)));
        headers.put(CONNECTION_HEADER, List.of(java.util.UUID.randomUUID().toString()));
        return headers;
    }

    /** Whether a header is one only the server sets ({@link #REMOTE_ADDRESS_HEADER}, {@link #CONNECTION_HEADER}). */
    static boolean isServerHeader(String name) {
        return REMOTE_ADDRESS_HEADER.equalsIgnoreCase(name) || CONNECTION_HEADER.equalsIgnoreCase(name);
    }

    /**
     * Serves plain HTTP next to Socket.IO (e.g. a login form), at a servlet path spec such as {@code /admin/login}.
     * Call before {@link #start()}.
     */
    public void addServlet(String pathSpec, HttpServlet servlet) {
        context.addServlet(new ServletHolder(servlet), pathSpec);
    }

    /**
     * Hands engine.io a connection that bypasses Jetty (and the connect gate): see RelayServer. Returns the way in
     * for the connection's text frames that a Jetty connection has: the {@link TextFrameShortcut} (when the
     * connection's headers carry a {@link #CONNECTION_HEADER}), else engine.io ({@code emit("message", frame)}).
     */
    public Consumer<String> serveWithoutNetwork(io.socket.engineio.server.EngineIoWebSocket connection) {
        engineIo.handleWebSocket(connection);
        List<String> id = connection.getConnectionHeaders().get(CONNECTION_HEADER);
        String connectionId = id == null || id.isEmpty() ? null : id.get(0);
        return frame -> {
            if (connectionId == null || !shortcut.tryHandle(connectionId, frame)) {
                connection.emit("message", frame);
            }
        };
    }

    /** The Socket.IO server, for registering namespaces and handlers. */
    public SocketIoServer socketIo() {
        return socketIo;
    }

    /** Binds and starts serving. Blocks until bound. Throws IOException when the port cannot be bound. */
    public void start() throws IOException {
        try {
            jetty.start();
        } catch (IOException e) {
            stopQuietly();
            throw e;
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("could not start the relay's HTTP server: " + e.getMessage(), e);
        }
    }

    /**
     * Refusals of the HTTP layer so far: {@code connections_total}, {@code connections_per_address} (connections
     * closed at once over a cap) and {@code bodies} (polling bodies too large, too slow or without room).
     */
    public Map<String, Long> refusals() {
        return Map.of("connections_total", connectionCaps.refusedTotal(), "connections_per_address",
                connectionCaps.refusedPerAddress(), "bodies", polling.refusedBodies());
    }

    /** Threads that select (and read WebSocket frames): Jetty picks the number from the cores. */
    int selectorCount() {
        return connector.getSelectorManager().getSelectorCount();
    }

    /**
     * Text this server has been given to send to {@code socket}'s connection and has not written to the network yet
     * (a reader that does not keep up makes it grow); 0 over long-polling, whose own buffer is bounded.
     */
    public long unsentChars(io.socket.socketio.server.SocketIoSocket socket) {
        List<String> id = socket.getInitialHeaders().get(CONNECTION_HEADER);
        return backlogs.unsentChars(id == null || id.isEmpty() ? null : id.get(0));
    }

    /** Open TCP connections as counted by the caps. */
    public int openConnections() {
        return connectionCaps.open();
    }

    /** The bound address; valid after {@link #start()}. */
    public InetSocketAddress boundAddress() {
        return new InetSocketAddress(connector.getHost() == null ? "0.0.0.0" : connector.getHost(),
                connector.getLocalPort());
    }

    /** Stops Jetty and engine.io; closes every connection. Idempotent; blocks until stopped. */
    @Override
    public void close() {
        stopQuietly();
        engineIo.shutdown();
        engineIoTimers.shutdownNow(); // ours, not engine.io's: its shutdown() leaves a supplied scheduler running
    }

    private void stopQuietly() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping is best effort: the listener socket is closed first by Jetty, so the port is free anyway.
        }
    }
}
