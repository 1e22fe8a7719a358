package org.rollscope.netcode.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP forwarder on an ephemeral port of its own, in front of a server whose port may change. A test that
 * restarts a server points the clients at the proxy, {@link #cut}s it while the server is down and
 * {@link #retarget}s it at the new server (itself on port 0): the clients see one address throughout, and no test
 * closes a port and hopes to bind the same number again (another process may have taken it meanwhile).
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile int targetPort;

    /** Starts forwarding to {@code targetPort} on loopback. */
    public TcpProxy(int targetPort) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        threads.execute(this::acceptLoop);
    }

    /** The proxy's own port (stable for its life). */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:port} of the proxy. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** New connections go to {@code port} from now on. */
    public void retarget(int port) {
        targetPort = port;
    }

    /** Drops every connection and refuses new ones until {@link #retarget}: what clients see when a server dies. */
    public void cut() {
        targetPort = -1;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            int port = targetPort;
            if (port < 0) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                threads.execute(() -> pipe(client, upstream));
                threads.execute(() -> pipe(upstream, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buf = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
