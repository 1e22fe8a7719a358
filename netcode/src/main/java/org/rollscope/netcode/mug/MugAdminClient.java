package org.rollscope.netcode.mug;

import org.rollscope.netcode.transport.SocketIoHttp;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.thread.EventThread;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.rollscope.netcode.observer.ConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a MUG server's admin namespace: logs in ({@link MugLogin}), connects Socket.IO (WebSocket only,
 * path {@code <base path>/socket.io/}, namespace {@code /admin}) with the session cookie as an extra {@code Cookie}
 * header on the upgrade request, asks for the state on every connect and hands MUG's raw events to a
 * {@link Listener}.
 *
 * <p>Recovery: a dropped connection is retried by Socket.IO with back-off (0.5 s doubling to 5 s) with the same
 * cookie; if the server then refuses the namespace (the cookie stopped working, e.g. MUG restarted with a new
 * secret), the client logs in again and reconnects; so it does when the server closes the namespace. An unreachable login is retried with the same back-off. A wrong
 * password, a server that is not MUG, or a refusal right after a fresh login is terminal.
 *
 * <p>Threads: every {@link Listener} method runs on the Socket.IO client's single event thread, in order. Logins run
 * on a daemon thread {@code mug-login}. Public methods may be called from any thread and never block.
 */
public final class MugAdminClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MugAdminClient.class);
    private static final long BACKOFF_MIN_MS = 500;
    private static final long BACKOFF_MAX_MS = 5000;
    /** Socket.IO's disconnect reason when the server closed the namespace; the client does not retry by itself. */
    private static final String SERVER_DISCONNECT = "io server disconnect";

    /** What the client hears; every method on the Socket.IO event thread. */
    public interface Listener {
        /** MUG's {@code state_update} payload, raw (an org.json object). */
        void onStateUpdate(Object payload);

        /** MUG's {@code activity_event} payload, raw. */
        default void onActivityEvent(Object payload) {
        }

        /** MUG's {@code console_log} payload, raw. */
        default void onConsoleLog(Object payload) {
        }

        /** MUG's {@code admin_connected} payload, raw (may come before {@code CONNECTED}). */
        default void onAdminConnected(Object payload) {
        }

        /** The connection changed state; {@code detail} says why (never contains the password or cookie). */
        default void onConnectionState(ConnectionState state, String detail) {
        }

        /**
         * A connect attempt failed. Terminal reasons ({@code WRONG_PASSWORD}, {@code NOT_MUG}, {@code REFUSED}) come
         * with state {@code REFUSED}; {@code UNREACHABLE} ones are retried.
         */
        default void onFailure(MugConnectException failure) {
        }
    }

    private final URI base;
    private final String password;
    private final Listener listener;
    private final MugLogin login;
    private final ScheduledExecutorService logins;
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile Socket socket;
    private volatile int loginCount;
    private long backoffMs = BACKOFF_MIN_MS; // touched on the mug-login thread only

    /**
     * Prepares a client; nothing happens until {@link #start()}.
     *
     * @param url the MUG server's base URL, e.g. {@code http://lab.example.org:5702} (a path prefix is kept for both
     *     the login and Socket.IO)
     * @param password the admin password (MUG's {@code ADMIN_PASSWORD}); kept in memory for re-logins only
     * @throws IllegalArgumentException for a URL that is not http(s)
     */
    public MugAdminClient(String url, String password, Listener listener) {
        this.base = baseUri(url);
        this.password = password == null ? "" : password;
        this.listener = listener;
        this.login = new MugLogin(base);
        this.logins = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mug-login");
            t.setDaemon(true);
            return t;
        });
    }

    /** The URL normalised: scheme://host[:port][/prefix], no trailing slash. */
    static URI baseUri(String url) {
        String trimmed = url == null ? "" : url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("MUG server URL must look like http://host:port, got " + url);
        }
        return uri;
    }

    /** The server's base URL. */
    public URI base() {
        return base;
    }

    /** Starts logging in and connecting, in the background. */
    public void start() {
        logins.execute(this::attempt);
    }

    public ConnectionState state() {
        return state;
    }

    /** How many successful logins so far (1 after the first connect; more after cookie-expiry re-logins). */
    public int logins() {
        return loginCount;
    }

    /** Emits {@code request_state}; returns false (and sends nothing) when not connected. */
    public boolean requestState() {
        Socket s = socket;
        if (s == null || !s.connected() || state != ConnectionState.CONNECTED) {
            return false;
        }
        s.emit(MugProtocol.REQUEST_STATE);
        return true;
    }

    /** Disconnects and stops retrying. Idempotent. */
    @Override
    public void close() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        logins.shutdownNow();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
        EventThread.exec(() -> setState(ConnectionState.CLOSED, "closed"));
        state = ConnectionState.CLOSED;
    }

    private boolean closedOrRefused() {
        return state == ConnectionState.CLOSED || state == ConnectionState.REFUSED;
    }

    /** One login + socket; on the mug-login thread. */
    private void attempt() {
        if (closedOrRefused()) {
            return;
        }
        String cookie;
        try {
            cookie = login.login(password);
        } catch (MugConnectException e) {
            if (e.retryable()) {
                long delay = backoffMs;
                backoffMs = Math.min(BACKOFF_MAX_MS, backoffMs * 2);
                fail(e, ConnectionState.RECONNECTING, e.getMessage() + "; retrying in " + delay + " ms");
                schedule(delay);
            } else {
                fail(e, ConnectionState.REFUSED, e.getMessage());
            }
            return;
        }
        backoffMs = BACKOFF_MIN_MS;
        loginCount++;
        open(cookie);
    }

    private void schedule(long delayMs) {
        try {
            logins.schedule(this::attempt, delayMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void open(String cookie) {
        IO.Options options = SocketIoHttp.websocketOptions();
        options.reconnection = true;
        options.reconnectionDelay = BACKOFF_MIN_MS;
        options.reconnectionDelayMax = BACKOFF_MAX_MS;
        options.path = (base.getRawPath() == null ? "" : base.getRawPath()) + "/socket.io/";
        options.extraHeaders = Map.of("Cookie", List.of(cookie));
        URI origin = URI.create(base.getScheme() + "://" + base.getRawAuthority() + MugProtocol.NAMESPACE);
        Socket fresh = IO.socket(origin, options);
        boolean[] connectedOnce = {false}; // event thread only
        fresh.on(Socket.EVENT_CONNECT, args -> {
            connectedOnce[0] = true;
            setState(ConnectionState.CONNECTED, "connected to " + base);
            fresh.emit(MugProtocol.REQUEST_STATE);
        });
        fresh.on(Socket.EVENT_DISCONNECT, args -> {
            if (closedOrRefused() || fresh != socket) {
                return; // closed by us, or a socket we already replaced after a re-login
            }
            Object reason = args.length > 0 ? args[0] : "";
            setState(ConnectionState.RECONNECTING, "disconnected: " + reason);
            if (SERVER_DISCONNECT.equals(reason)) {
                // Socket.IO does not retry after the server closed the namespace (e.g. MUG ended the admin
                // session): log in again, which also tells a dropped session from a server that will not have us.
                fresh.close();
                schedule(BACKOFF_MIN_MS);
            }
        });
        fresh.on(Socket.EVENT_CONNECT_ERROR, args -> onConnectError(fresh, connectedOnce[0],
                args.length > 0 ? args[0] : null));
        fresh.on(MugProtocol.ADMIN_CONNECTED, args -> deliver(() -> listener.onAdminConnected(first(args))));
        fresh.on(MugProtocol.STATE_UPDATE, args -> deliver(() -> listener.onStateUpdate(first(args))));
        fresh.on(MugProtocol.ACTIVITY_EVENT, args -> deliver(() -> listener.onActivityEvent(first(args))));
        fresh.on(MugProtocol.CONSOLE_LOG, args -> deliver(() -> listener.onConsoleLog(first(args))));
        Socket previous = socket;
        socket = fresh;
        if (previous != null) {
            previous.close();
        }
        if (closedOrRefused()) {
            fresh.close();
            return;
        }
        fresh.connect();
    }

    /** On the event thread. */
    private void onConnectError(Socket failed, boolean connectedBefore, Object error) {
        if (closedOrRefused() || failed != socket) {
            return;
        }
        if (error instanceof JSONObject json) { // the server answered: the namespace refused us
            failed.close(); // stop this socket's retries with a cookie that no longer works
            String why = json.optString("message", "refused");
            if (connectedBefore) {
                setState(ConnectionState.RECONNECTING, "the server refused our session (" + why + "); logging in again");
                logins.execute(this::attempt);
            } else {
                MugConnectException refused = new MugConnectException(MugConnectException.Reason.REFUSED,
                        "the MUG server at " + base + " refused the admin connection after login: " + why, null);
                state = ConnectionState.REFUSED;
                setState(ConnectionState.REFUSED, refused.getMessage());
                listener.onFailure(refused);
            }
            return;
        }
        String why = error instanceof Throwable t ? rootMessage(t) : String.valueOf(error);
        MugConnectException unreachable = new MugConnectException(MugConnectException.Reason.UNREACHABLE,
                "cannot reach the Socket.IO endpoint of " + base + " (" + why + ")",
                error instanceof Throwable t ? t : null);
        setState(ConnectionState.RECONNECTING, unreachable.getMessage());
        listener.onFailure(unreachable);
    }

    /** From the mug-login thread: report on the event thread. */
    private void fail(MugConnectException failure, ConnectionState next, String detail) {
        if (next == ConnectionState.REFUSED) {
            state = ConnectionState.REFUSED; // at once, so that no retry starts meanwhile
        }
        EventThread.exec(() -> {
            setState(next, detail);
            listener.onFailure(failure);
        });
    }

    private void deliver(Runnable call) {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("MUG listener failed", e);
        }
    }

    /** On the event thread. */
    private void setState(ConnectionState next, String detail) {
        if (state == ConnectionState.CLOSED && next != ConnectionState.CLOSED) {
            return;
        }
        if (state == ConnectionState.REFUSED && next != ConnectionState.REFUSED && next != ConnectionState.CLOSED) {
            return;
        }
        state = next;
        try {
            listener.onConnectionState(next, detail);
        } catch (RuntimeException e) {
            LOG.warn("MUG listener failed on state {}", next, e);
        }
    }

    private static Object first(Object[] args) {
        return args.length > 0 ? args[0] : null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
