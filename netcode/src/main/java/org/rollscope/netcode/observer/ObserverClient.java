package org.rollscope.netcode.observer;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.json.JSONObject;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.transport.SocketIoHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An observer connection to a Rollscope relay ({@code /observer}, telemetry.md §3): snapshots, telemetry and session
 * events in, commands out. Used by the console and by {@code rollscope ctl}.
 *
 * <p>Transport is WebSocket only (Socket.IO long-polling mangles binary against our server). After a drop the client
 * reconnects with exponential back-off (0.5 s doubling to 5 s) and the relay sends a fresh snapshot, so a listener
 * can rebuild its picture from {@link ObserverListener#onSnapshot} alone. A refused token is terminal.
 *
 * <p>Threads: public methods may be called from any thread and never block; listeners run on the Socket.IO client's
 * event thread (see {@link ObserverListener}). Futures complete on that thread or, for timeouts, on a JDK timer.
 */
public final class ObserverClient implements SessionObserver {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverClient.class);

    /** How long a command waits for the relay's acknowledgement (which itself waits ~3 s for the peers). */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final URI server;
    private final Duration commandTimeout;
    private final Socket socket;
    private final List<ObserverListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<SessionsSnapshot> firstSnapshot = new CompletableFuture<>();
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile SessionsSnapshot lastSnapshot;

    /**
     * Prepares a client; nothing happens until {@link #connect()}.
     *
     * @param server the relay's URL, e.g. {@code http://127.0.0.1:8765} (as printed by {@code rollscope relay})
     * @param token the observer token
     * @throws IllegalArgumentException for a URL that is not http(s)
     */
    public ObserverClient(String server, String token) {
        this(server, token, DEFAULT_COMMAND_TIMEOUT);
    }

    public ObserverClient(String server, String token, Duration commandTimeout) {
        URI base = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("relay URL must start with http:// or https://, got " + server);
        }
        this.server = base;
        this.commandTimeout = commandTimeout;
        IO.Options options = SocketIoHttp.websocketOptions();
        options.reconnection = true;
        options.reconnectionDelay = 500;
        options.reconnectionDelayMax = 5000;
        options.auth = token == null ? Map.of() : Map.of(ObserverProtocol.AUTH_TOKEN, token);
        this.socket = IO.socket(URI.create(base + ObserverProtocol.NAMESPACE), options);
        wire();
    }

    /** Adds a listener (before {@link #connect()} to miss nothing). Returns this. */
    public ObserverClient addListener(ObserverListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Starts connecting. The future completes with the first snapshot, or fails with an
     * {@link ObserverConnectException}: {@code REFUSED} for a wrong or missing token, {@code UNREACHABLE} when
     * nothing answers (the client keeps retrying in the background until {@link #close()}).
     */
    public CompletableFuture<SessionsSnapshot> connect() {
        socket.connect();
        return firstSnapshot;
    }

    public ConnectionState state() {
        return state;
    }

    /** A relay supports every command (compare {@code MugSource#capabilities()}). */
    public SourceCapabilities capabilities() {
        return SourceCapabilities.RELAY;
    }

    /** The most recent snapshot, or null before the first. */
    public SessionsSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** {@code force_fallback}: move one seat's inputs (or every seat's, when {@code playerId} is null) to the relay. */
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return command(ObserverProtocol.FORCE_FALLBACK, target(gameId, playerId));
    }

    /** {@code restore_p2p}: end a forced fallback for one seat, or every seat when {@code playerId} is null. */
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return command(ObserverProtocol.RESTORE_P2P, target(gameId, playerId));
    }

    /** {@code set_link}: apply an impairment to one seat's sending side, or every seat's. */
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        JSONObject payload = ObserverProtocol.toJson(link);
        for (String key : JSONObject.getNames(target(gameId, playerId))) {
            payload.put(key, target(gameId, playerId).get(key));
        }
        return command(ObserverProtocol.SET_LINK, payload);
    }

    /** {@code request_snapshot}: the snapshot arrives through {@link ObserverListener#onSnapshot} before the ack. */
    public CompletableFuture<CommandResult> requestSnapshot() {
        return command(ObserverProtocol.REQUEST_SNAPSHOT, new JSONObject());
    }

    /** Disconnects and stops reconnecting. Idempotent. */
    @Override
    public void close() {
        if (state == ConnectionState.CLOSED) {
            return;
        }
        setState(ConnectionState.CLOSED, "closed");
        socket.close();
        firstSnapshot.completeExceptionally(new ObserverConnectException(
                ObserverConnectException.Reason.UNREACHABLE, "closed before connecting", null));
    }

    /**
     * Sends {@code event} with {@code payload} and completes with the relay's acknowledgement as it came (for requests
     * whose answer is data rather than a {@link CommandResult}, such as the archive's: see
     * {@code org.rollscope.netcode.archive.RemoteArchive}). Completes exceptionally with
     * {@link ObserverRequestException} when not connected, refused ({@code ok: false}) or not answered in time.
     * Never blocks.
     */
    public CompletableFuture<JSONObject> request(String event, JSONObject payload, Duration timeout) {
        CompletableFuture<JSONObject> result = new CompletableFuture<>();
        if (!socket.connected() || state != ConnectionState.CONNECTED) {
            result.completeExceptionally(new ObserverRequestException("not_connected",
                    "not connected to the relay at " + server));
            return result;
        }
        socket.emit(event, new Object[] {payload}, reply -> {
            if (reply.length == 0 || !(reply[0] instanceof JSONObject json)) {
                result.completeExceptionally(new ObserverRequestException("malformed",
                        "the relay's answer to " + event + " was not a JSON object"));
            } else if (!json.optBoolean("ok", false)) {
                result.completeExceptionally(new ObserverRequestException(json.optString("error", "error"),
                        json.optString("message", "")));
            } else {
                result.complete(json);
            }
        });
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return result;
    }

    private static JSONObject target(String gameId, String playerId) {
        JSONObject payload = new JSONObject().put("game_id", gameId);
        if (playerId != null) {
            payload.put("player_id", playerId);
        }
        return payload;
    }

    private CompletableFuture<CommandResult> command(String event, JSONObject payload) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (!socket.connected() || state != ConnectionState.CONNECTED) {
            // Socket.IO would buffer it and fire it on reconnect, possibly much later: refuse now instead.
            result.complete(CommandResult.refused("not_connected", "not connected to the relay at " + server));
            return result;
        }
        socket.emit(event, new Object[] {payload}, reply -> result.complete(parseAck(reply)));
        result.completeOnTimeout(CommandResult.refused("no_reply", "the relay did not answer " + event + " within "
                + commandTimeout.toMillis() + " ms"), commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return result;
    }

    private static CommandResult parseAck(Object[] reply) {
        if (reply.length == 0 || !(reply[0] instanceof JSONObject json)) {
            return CommandResult.refused("malformed", "the relay's acknowledgement was not a JSON object");
        }
        return json.optBoolean("ok", false) ? CommandResult.OK
                : CommandResult.refused(json.optString("error", "error"), json.optString("message", ""));
    }

    private void wire() {
        socket.on(Socket.EVENT_CONNECT, args -> setState(ConnectionState.CONNECTED, "connected to " + server));
        socket.on(Socket.EVENT_DISCONNECT, args -> {
            if (state != ConnectionState.CLOSED && state != ConnectionState.REFUSED) {
                setState(ConnectionState.RECONNECTING, "disconnected: " + (args.length > 0 ? args[0] : ""));
            }
        });
        socket.on(Socket.EVENT_CONNECT_ERROR, this::onConnectError);
        on(ObserverProtocol.SESSIONS_SNAPSHOT, SessionsSnapshot.class, snapshot -> {
            lastSnapshot = snapshot;
            firstSnapshot.complete(snapshot);
            listeners.forEach(l -> l.onSnapshot(snapshot));
        });
        on(ObserverProtocol.PEER_TELEMETRY, TelemetryBatch.class, batch -> listeners.forEach(l -> l.onTelemetry(batch)));
        on(ObserverProtocol.SESSION_EVENT, SessionEvent.class, event -> listeners.forEach(l -> l.onSessionEvent(event)));
    }

    private void onConnectError(Object[] args) {
        Object error = args.length > 0 ? args[0] : null;
        if (error instanceof JSONObject json) { // the relay answered: a namespace refusal
            String why = json.optString("message", "refused");
            setState(ConnectionState.REFUSED, why);
            socket.close(); // the refusal is final; stop the manager's retries
            firstSnapshot.completeExceptionally(new ObserverConnectException(ObserverConnectException.Reason.REFUSED,
                    "the relay at " + server + " refused the connection: " + why, null));
            return;
        }
        String why = error instanceof Throwable t ? rootMessage(t) : String.valueOf(error);
        if (state != ConnectionState.CLOSED) {
            setState(ConnectionState.RECONNECTING, "cannot reach the relay: " + why);
        }
        firstSnapshot.completeExceptionally(new ObserverConnectException(ObserverConnectException.Reason.UNREACHABLE,
                "cannot reach the relay at " + server + " (" + why + ")",
                error instanceof Throwable t ? t : null));
    }

    private <T> void on(String event, Class<T> type, Consumer<T> deliver) {
        socket.on(event, args -> {
            try {
                deliver.accept(ObserverProtocol.fromJson(args[0], type));
            } catch (RuntimeException e) {
                LOG.warn("dropped a {} from the relay: {}", event, e.getMessage());
            }
        });
    }

    private void setState(ConnectionState next, String detail) {
        if (state == ConnectionState.CLOSED && next != ConnectionState.CLOSED) {
            return;
        }
        state = next;
        for (ObserverListener listener : listeners) {
            try {
                listener.onConnectionState(next, detail);
            } catch (RuntimeException e) {
                LOG.warn("observer listener failed on state {}", next, e);
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
