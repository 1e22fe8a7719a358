package org.rollscope.netcode.mug;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionObserver;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.observer.SourceCapabilities;
import org.rollscope.netcode.transport.LinkProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes a MUG server as a session source shaped like {@link org.rollscope.netcode.observer.ObserverClient}: the
 * same method names, the same {@link ObserverListener} callbacks, so that a consumer (ctl, the console) treats a
 * relay and a MUG server alike.
 *
 * <p>What listeners get:
 * <ul>
 *   <li>{@code onSnapshot(SessionsSnapshot)} after every {@code state_update} (~1 Hz; MUG has no deltas): every game
 *       seen so far, ended ones kept (see {@link MugTracker#summary} for how fields MUG lacks are filled: each
 *       player's {@code sample} is null, its {@code health} map carries the mapped report or
 *       {@code report_status} {@code missing}/{@code expired} = "no report").</li>
 *   <li>{@code onSessionEvent} for each new activity entry, problem, warning/error console line and game end, once
 *       (MUG resends its whole log every second; duplicates are dropped).</li>
 *   <li>{@code onTelemetry} is never called: MUG sends no Rollscope samples, and a {@code PeerSample} cannot say
 *       "unknown" for frames and rollbacks. A {@link MugListener} gets {@link MugListener#onMugReports} instead,
 *       with boxed, null-when-unknown fields.</li>
 *   <li>{@code onConnectionState}: CONNECTING, CONNECTED, RECONNECTING (down, or re-logging in), REFUSED (wrong
 *       password, not MUG, namespace refused: terminal), CLOSED.</li>
 * </ul>
 *
 * <p>Commands: MUG cannot force a fallback or change link conditions; {@link #capabilities()} says so and the command
 * methods complete at once with {@code {ok: false, error: "not_supported"}}. {@link #requestSnapshot()} works.
 *
 * <p>Threads: public methods may be called from any thread and never block. Every listener call, and all mapping and
 * bookkeeping, runs on the Socket.IO client's single event thread, in arrival order; logins run on a
 * {@code mug-login} daemon thread. Futures complete on the event thread (timeouts: on a JDK timer).
 */
public final class MugSource implements SessionObserver {
    private static final Logger LOG = LoggerFactory.getLogger(MugSource.class);

    /** The refusal code of commands MUG cannot carry out. */
    public static final String NOT_SUPPORTED = "not_supported";
    /** Why, in words a tooltip can show. */
    public static final String NOT_SUPPORTED_MESSAGE = "MUG servers cannot force fallback or change link conditions";
    /** A MUG source observes; it cannot steer. */
    public static final SourceCapabilities CAPABILITIES =
            new SourceCapabilities(false, false, true, false, NOT_SUPPORTED_MESSAGE);
    /** How long {@link #requestSnapshot()} waits for MUG's answer. */
    public static final long SNAPSHOT_TIMEOUT_MS = 10_000;

    private final MugAdminClient client;
    private final MugTracker tracker = new MugTracker(); // event thread only
    private final List<ObserverListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<SessionsSnapshot> firstSnapshot = new CompletableFuture<>();
    private final List<CompletableFuture<CommandResult>> snapshotRequests = new CopyOnWriteArrayList<>();
    private volatile SessionsSnapshot lastSnapshot;
    private volatile List<MugSession> lastSessions = List.of();
    private volatile long malformed;

    /**
     * Prepares a source; nothing happens until {@link #connect()}.
     *
     * @param url the MUG server's base URL, e.g. {@code http://lab.example.org:5702}
     * @param password the admin password (see {@link MugPassword}); held in memory only, for re-logins
     * @throws IllegalArgumentException for a URL that is not http(s)
     */
    public MugSource(String url, String password) {
        this.client = new MugAdminClient(url, password, new Wiring());
    }

    /** Adds a listener (before {@link #connect()} to miss nothing); a {@link MugListener} gets the MUG extras. */
    public MugSource addListener(ObserverListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Logs in and connects. The future completes with the first snapshot, or fails with a
     * {@link MugConnectException}: {@code WRONG_PASSWORD}, {@code NOT_MUG}, {@code REFUSED} (all terminal), or
     * {@code UNREACHABLE} (the source keeps retrying in the background until {@link #close()}).
     */
    public CompletableFuture<SessionsSnapshot> connect() {
        client.start();
        return firstSnapshot;
    }

    /** The server's base URL. */
    public String url() {
        return client.base().toString();
    }

    public ConnectionState state() {
        return client.state();
    }

    /** What this source supports: observing and snapshots, no commands. */
    public SourceCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** The most recent snapshot (observer shape), or null before the first. */
    public SessionsSnapshot lastSnapshot() {
        return lastSnapshot;
    }

    /** The most recent sessions with MUG's own fields (termination, episode...); empty before the first state. */
    public List<MugSession> lastSessions() {
        return lastSessions;
    }

    /** Successful logins so far (more than 1 after a re-login). */
    public int logins() {
        return client.logins();
    }

    /** Entries of MUG's payloads skipped as unreadable so far. */
    public long malformed() {
        return malformed;
    }

    /** Not supported by MUG: completes at once with {@code not_supported}. */
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return notSupported();
    }

    /** Not supported by MUG: completes at once with {@code not_supported}. */
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return notSupported();
    }

    /** Not supported by MUG: completes at once with {@code not_supported}. */
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return notSupported();
    }

    /**
     * Emits {@code request_state}; completes with ok once the answer's snapshot has been delivered through
     * {@code onSnapshot}, with {@code not_connected} when not connected, or {@code no_reply} after
     * {@link #SNAPSHOT_TIMEOUT_MS}.
     */
    public CompletableFuture<CommandResult> requestSnapshot() {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        snapshotRequests.add(result);
        if (!client.requestState()) {
            snapshotRequests.remove(result);
            result.complete(CommandResult.refused("not_connected", "not connected to the MUG server at " + url()));
            return result;
        }
        result.completeOnTimeout(CommandResult.refused("no_reply", "the MUG server did not send its state within "
                + SNAPSHOT_TIMEOUT_MS + " ms"), SNAPSHOT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> snapshotRequests.remove(result));
        return result;
    }

    /** Disconnects and stops reconnecting. Idempotent. */
    @Override
    public void close() {
        client.close();
        firstSnapshot.completeExceptionally(new MugConnectException(MugConnectException.Reason.UNREACHABLE,
                "closed before connecting", null));
    }

    private static CompletableFuture<CommandResult> notSupported() {
        return CompletableFuture.completedFuture(CommandResult.refused(NOT_SUPPORTED, NOT_SUPPORTED_MESSAGE));
    }

    private void each(Consumer<ObserverListener> call) {
        for (ObserverListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("MUG source listener failed", e);
            }
        }
    }

    private void eachMug(Consumer<MugListener> call) {
        each(listener -> {
            if (listener instanceof MugListener mug) {
                call.accept(mug);
            }
        });
    }

    /** The client's callbacks, all on the Socket.IO event thread. */
    private final class Wiring implements MugAdminClient.Listener {
        @Override
        public void onStateUpdate(Object payload) {
            JsonNode json;
            try {
                json = MugStateMapper.parse(payload);
            } catch (IllegalArgumentException e) {
                malformed++;
                LOG.warn("dropped a state_update from {}: {}", url(), e.getMessage());
                return;
            }
            MugState state = MugStateMapper.map(json, System.currentTimeMillis());
            malformed += state.malformed();
            MugTracker.Update update = tracker.apply(state);
            lastSessions = update.sessions();
            lastSnapshot = update.snapshot();
            each(l -> l.onSnapshot(update.snapshot()));
            eachMug(l -> l.onMugSessions(update.sessions()));
            if (!update.reports().isEmpty()) {
                eachMug(l -> l.onMugReports(update.reports()));
            }
            for (SessionEvent event : update.newEvents()) {
                each(l -> l.onSessionEvent(event));
            }
            firstSnapshot.complete(update.snapshot());
            for (CompletableFuture<CommandResult> request : new ArrayList<>(snapshotRequests)) {
                request.complete(CommandResult.OK);
            }
        }

        @Override
        public void onActivityEvent(Object payload) {
            live(payload, entry -> MugStateMapper.activityEvent(entry, tracker.latest()));
        }

        @Override
        public void onConsoleLog(Object payload) {
            live(payload, entry -> MugStateMapper.consoleLogEvent(entry, tracker.latest(),
                    System.currentTimeMillis()));
        }

        private void live(Object payload, java.util.function.Function<JsonNode, SessionEvent> map) {
            SessionEvent event;
            try {
                event = tracker.offer(map.apply(MugStateMapper.parse(payload)));
            } catch (IllegalArgumentException e) {
                malformed++;
                return;
            }
            if (event != null) {
                each(l -> l.onSessionEvent(event));
            }
        }

        @Override
        public void onConnectionState(ConnectionState state, String detail) {
            each(l -> l.onConnectionState(state, detail));
        }

        @Override
        public void onFailure(MugConnectException failure) {
            firstSnapshot.completeExceptionally(failure);
        }
    }
}
