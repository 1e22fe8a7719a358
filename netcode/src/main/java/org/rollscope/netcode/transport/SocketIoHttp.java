package org.rollscope.netcode.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import io.socket.client.IO;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The HTTP client under our Socket.IO connections, with Nagle's algorithm off. A peer writes many small frames (an
 * input per frame, acknowledgements, telemetry); with Nagle on, a small write waits for the ACK of the previous one,
 * which the server delays by up to 40 ms, and a command's acknowledgement took ~55 ms instead of ~5 ms. Measured with
 * {@code rollscope load --switch-peers headless}.
 *
 * <p>One client for the process: its dispatcher admits every open WebSocket (OkHttp's default allows 64 running
 * calls, and an open WebSocket is one for its whole life).
 */
public final class SocketIoHttp {
    /** Generous: a console with a pilot peer and many observers, or a test with a few dozen connections. */
    private static final int MAX_CONNECTIONS = 1_024;

    public static final OkHttpClient CLIENT = client(MAX_CONNECTIONS);

    private SocketIoHttp() {}

    /**
     * Socket.IO client options every Rollscope connection starts from: WebSocket only (long-polling mangles binary
     * against our relay), a fresh manager per connection, and {@link #CLIENT} underneath.
     */
    public static IO.Options websocketOptions() {
        IO.Options options = new IO.Options();
        options.transports = new String[] {"websocket"};
        options.forceNew = true;
        options.callFactory = CLIENT;
        options.webSocketFactory = CLIENT;
        return options;
    }

    /** A client like {@link #CLIENT} whose dispatcher admits {@code maxConnections} open WebSockets. */
    public static OkHttpClient client(int maxConnections) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(maxConnections);
        dispatcher.setMaxRequestsPerHost(maxConnections);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .socketFactory(new NoDelaySocketFactory())
                .readTimeout(0, TimeUnit.MILLISECONDS) // Socket.IO's own ping detects a dead connection
                .build();
    }

    /** Plain sockets with TCP_NODELAY set. */
    private static final class NoDelaySocketFactory extends SocketFactory {
        private final SocketFactory plain = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(plain.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(plain.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(plain.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return noDelay(plain.createSocket(address, port, localAddress, localPort));
        }

        private static Socket noDelay(Socket socket) throws SocketException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
