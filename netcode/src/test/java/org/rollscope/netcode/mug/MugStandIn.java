package org.rollscope.netcode.mug;

import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoSocket;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;
import org.rollscope.netcode.relay.embed.ConnectAuthenticator;
import org.rollscope.netcode.relay.embed.EmbeddedSocketIoServer;

/**
 * A small MUG-compatible server for tests, on the project's embedded Socket.IO server (127.0.0.1, port 0 unless
 * restarted): MUG's admin login ({@code POST /admin/login}: 302 + {@code session}/{@code remember_token} cookies, or
 * 200 "Invalid password"), and the {@code /admin} namespace, which refuses a connect without a valid cookie with
 * "Connection rejected by server", sends {@code admin_connected}, answers {@code request_state} with the current
 * {@code state_update}, and broadcasts states and activity events when the test says so (no timers: tests decide
 * when "a second" has passed).
 *
 * <p>Each start draws a new cookie secret, so a cookie from before {@link #restart()} no longer works, as with a MUG
 * server restarted without a fixed secret key.
 */
public final class MugStandIn implements AutoCloseable {

    public static final String PASSWORD = "admin123";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Which cookies a successful login sets (MUG sets both; either alone authenticates). */
    public enum Cookies { BOTH, SESSION_ONLY, REMEMBER_ONLY }

    private final Cookies cookies;
    private final Set<SocketIoSocket> admins = ConcurrentHashMap.newKeySet();
    public final AtomicInteger logins = new AtomicInteger();
    public final AtomicInteger wrongPasswords = new AtomicInteger();
    public final AtomicInteger refusedConnects = new AtomicInteger();
    public final AtomicInteger stateRequests = new AtomicInteger();
    private volatile JSONObject state;
    private volatile String secret;
    private volatile EmbeddedSocketIoServer server;
    private int port;

    public MugStandIn(Cookies cookies, JSONObject initialState) {
        this.cookies = cookies;
        this.state = initialState;
    }

    /** Starts on an ephemeral port (first start) or the port of the previous start. */
    public synchronized MugStandIn start() throws IOException {
        return start(false);
    }

    private MugStandIn start(boolean keepSecret) throws IOException {
        if (!keepSecret || secret == null) {
            byte[] random = new byte[12];
            RANDOM.nextBytes(random); // not generateSeed: that may block on entropy
            secret = HexFormat.of().formatHex(random);
        }
        EmbeddedSocketIoServer fresh = new EmbeddedSocketIoServer("127.0.0.1", port, 1 << 20, new CookieGate());
        fresh.addServlet("/admin/login", new LoginServlet());
        SocketIoNamespace namespace = fresh.socketIo().namespace(MugProtocol.NAMESPACE);
        namespace.on("connection", args -> onConnection((SocketIoSocket) args[0]));
        fresh.start();
        port = fresh.boundAddress().getPort();
        server = fresh;
        return this;
    }

    /** Stops and starts again on the same port, with a new cookie secret. */
    public synchronized void restart() throws IOException {
        stop();
        start();
    }

    /** Stops and starts again on the same port keeping the cookie secret (MUG with a fixed SECRET_KEY). */
    public synchronized void restartKeepingSessions() throws IOException {
        stop();
        start(true);
    }

    /** Closes every admin's namespace from the server side (Socket.IO reason "io server disconnect"). */
    public void kickAdmins() {
        for (SocketIoSocket admin : admins) {
            synchronized (admin.getClient()) {
                admin.disconnect(false);
            }
        }
    }

    public synchronized void stop() {
        admins.clear();
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int connectedAdmins() {
        return admins.size();
    }

    /** Replaces the state served on request and by {@link #broadcastState()}. */
    public void setState(JSONObject next) {
        state = next;
    }

    /** Sends the current state to every connected admin, as MUG does about once a second. */
    public void broadcastState() {
        for (SocketIoSocket admin : admins) {
            send(admin, MugProtocol.STATE_UPDATE, new JSONObject(state.toString()));
        }
    }

    /** Sends a live event ({@code activity_event}, {@code console_log}) to every connected admin. */
    public void broadcast(String event, JSONObject payload) {
        for (SocketIoSocket admin : admins) {
            send(admin, event, payload);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A sample payload from the test resources, e.g. {@code mug-state-update-game.json}. */
    public static JSONObject sample(String name) {
        try (InputStream in = MugStandIn.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource /vectors/" + name + " is missing");
            }
            return new JSONObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void onConnection(SocketIoSocket socket) {
        if (!authenticated(socket.getInitialHeaders())) { // long-polling clients, which the gate cannot see
            refusedConnects.incrementAndGet();
            socket.disconnect(true);
            return;
        }
        admins.add(socket);
        socket.on("disconnect", args -> admins.remove(socket));
        socket.on(MugProtocol.REQUEST_STATE, args -> {
            stateRequests.incrementAndGet();
            send(socket, MugProtocol.STATE_UPDATE, new JSONObject(state.toString()));
        });
        send(socket, MugProtocol.ADMIN_CONNECTED, new JSONObject().put("status", "ok"));
    }

    private static void send(SocketIoSocket socket, String event, Object payload) {
        synchronized (socket.getClient()) { // one writer per connection at a time
            socket.send(event, payload);
        }
    }

    private boolean authenticated(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (!header.getKey().equalsIgnoreCase("cookie")) {
                continue;
            }
            for (String value : header.getValue()) {
                for (String pair : value.split(";")) {
                    String cookie = pair.trim();
                    if (cookie.equals("session=" + secret + "s") || cookie.equals("remember_token=" + secret + "r")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Refuses {@code /admin} connects without a valid cookie before the server accepts them, as MUG does. */
    private final class CookieGate implements ConnectAuthenticator {
        @Override
        public String refusal(String namespace, Object auth) {
            return MugProtocol.REJECTED; // only reached without headers
        }

        @Override
        public String refusal(String namespace, Object auth, Map<String, List<String>> headers) {
            if (!MugProtocol.NAMESPACE.equals(namespace) || authenticated(headers)) {
                return null;
            }
            refusedConnects.incrementAndGet();
            return MugProtocol.REJECTED;
        }
    }

    /** MUG's admin login form handler. */
    private final class LoginServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (!PASSWORD.equals(request.getParameter("password"))) {
                wrongPasswords.incrementAndGet();
                page(response, "<div class=\"alert\">Invalid password</div>");
                return;
            }
            logins.incrementAndGet();
            if (cookies != Cookies.REMEMBER_ONLY) {
                response.addHeader("Set-Cookie", "session=" + secret + "s; HttpOnly; Path=/");
            }
            if (cookies != Cookies.SESSION_ONLY) {
                response.addHeader("Set-Cookie", "remember_token=" + secret + "r; Expires=Sun, 21 Nov 2027 "
                        + "00:00:00 GMT; HttpOnly; Path=/");
            }
            response.setStatus(302);
            response.setHeader("Location", "/admin/");
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            page(response, "<form method=\"post\"><input type=\"password\" name=\"password\"></form>");
        }

        private void page(HttpServletResponse response, String body) throws IOException {
            response.setStatus(200);
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write("<!doctype html><html><body><h1>Admin login</h1>" + body + "</body></html>");
        }
    }
}
