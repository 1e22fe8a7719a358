package org.rollscope.netcode.relay.embed;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.socket.socketio.server.SocketIoServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Threads: Jetty's pool (named {@code relay-jetty-*}) runs every Socket.IO handler; engine.io's scheduler runs
 * pings. {@link #start()} and {@link #close()} block until the connector is bound / stopped.
 */
public final class EmbeddedSocketIoServer implements AutoCloseable {

    /** The path Socket.IO clients use by default. */
    public static final String SOCKET_IO_PATH = "/socket.io/";

    private final EngineIoServer engineIo;
    private final SocketIoServer socketIo;
    private final Server jetty;
    private final ServerConnector connector;
    private final ServletContextHandler context;

    /**
     * @param host interface to bind, e.g. {@code 127.0.0.1}
     * @param port TCP port, 0 for an ephemeral one
     * @param maxFrameBytes largest WebSocket message accepted; a larger one closes that connection (status 1009)
     * @param authenticator admits or refuses namespace connects (see {@link ConnectGate})
     */
    public EmbeddedSocketIoServer(String host, int port, long maxFrameBytes, ConnectAuthenticator authenticator) {
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault();
        options.setAllowedCorsOrigins(EngineIoServerOptions.ALLOWED_CORS_ORIGIN_ALL); // MUG pages are served elsewhere
        options.setPingInterval(Duration.ofSeconds(5).toMillis());
        options.setPingTimeout(Duration.ofSeconds(5).toMillis());
        this.engineIo = new EngineIoServer(options);
        this.socketIo = new SocketIoServer(engineIo);

        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("relay-jetty");
        this.jetty = new Server(threads);
        this.connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);

        this.context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(new PollingServlet(engineIo)), SOCKET_IO_PATH + "*");
        ConnectGate gate = new ConnectGate(authenticator);
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(jetty, context, container -> {
            container.setMaxTextMessageSize(maxFrameBytes);
            container.setMaxBinaryMessageSize(maxFrameBytes);
            container.setIdleTimeout(Duration.ofSeconds(30));
            container.addMapping(SOCKET_IO_PATH + "*", (request, response, callback) ->
                    new JettyEngineIoWebSocket(request.getHttpURI().getQuery(), headersOf(request), gate, engineIo));
        });
        context.insertHandler(upgrade);
        jetty.setHandler(context);
    }

    private static Map<String, List<String>> headersOf(Request request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return headers;
    }

    /**
     * Serves plain HTTP next to Socket.IO (e.g. a login form), at a servlet path spec such as {@code /admin/login}.
     * Call before {@link #start()}.
     */
    public void addServlet(String pathSpec, HttpServlet servlet) {
        context.addServlet(new ServletHolder(servlet), pathSpec);
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
    }

    private void stopQuietly() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // Stopping is best effort: the listener socket is closed first by Jetty, so the port is free anyway.
        }
    }

    /** Engine.IO long-polling (and the handshake of clients that start with polling, e.g. browsers). */
    private static final class PollingServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient EngineIoServer engineIo;

        PollingServlet(EngineIoServer engineIo) {
            this.engineIo = engineIo;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            engineIo.handleRequest(request, response);
        }
    }
}
