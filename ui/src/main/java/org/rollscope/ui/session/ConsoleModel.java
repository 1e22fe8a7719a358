package org.rollscope.ui.session;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.events.EventLog;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.service.SourceUpdate;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceCapabilities;

/**
 * Everything the console knows: every session (live and ended; ended ones stay listed), a sorted and filtered view
 * of them, the overall event log, the connection state and the status line. The inbox drain calls
 * {@link #apply(SourceUpdate)} for each queued update.
 *
 * <p>FX thread only. Holds no controls and no source: commands go through the command service.
 */
public final class ConsoleModel {

    /** Events kept in the overall log on screen. */
    public static final int ALL_EVENTS_CAPACITY = 5_000;

    private final LongSupplier clockMs;
    private final ObservableList<SessionViewModel> sessions = FXCollections.observableArrayList(
            s -> new Observable[] {s.healthProperty(), s.endedProperty()});
    /** One read-only view, kept: JavaFX's wrapper listens weakly, so a fresh wrapper per call could be
     *  collected together with the listeners added to it. */
    private final ObservableList<SessionViewModel> sessionsReadOnly = FXCollections.unmodifiableObservableList(sessions);
    private final Map<String, SessionViewModel> byId = new HashMap<>();
    private final FilteredList<SessionViewModel> filtered = new FilteredList<>(sessions);
    private final SortedList<SessionViewModel> visible = new SortedList<>(filtered);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final BooleanProperty showEnded = new SimpleBooleanProperty(true);
    private final ObjectProperty<SessionSort> sort = new SimpleObjectProperty<>(SessionSort.HEALTH);
    private final EventLog allEvents = new EventLog(ALL_EVENTS_CAPACITY);
    private final ReadOnlyObjectWrapper<ConnectionState> connection =
            new ReadOnlyObjectWrapper<>(ConnectionState.of(ConnectionState.Kind.IDLE));
    private final ReadOnlyObjectWrapper<StatusMessage> status = new ReadOnlyObjectWrapper<>(StatusMessage.NONE);
    private final ReadOnlyObjectWrapper<SourceCapabilities> capabilities =
            new ReadOnlyObjectWrapper<>(SourceCapabilities.readOnly("not connected", java.util.Set.of(), false));
    private final ReadOnlyLongWrapper samplesReceived = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper rejectedUpdates = new ReadOnlyLongWrapper();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ConsoleModel.class);

    public ConsoleModel() {
        this(System::currentTimeMillis);
    }

    public ConsoleModel(LongSupplier clockMs) {
        this.clockMs = clockMs;
        filterText.addListener((o, a, b) -> refilter());
        showEnded.addListener((o, a, b) -> refilter());
        visible.comparatorProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> sort.get().comparator(), sort));
    }

    /** FX thread: forgets every session and takes a new source's capabilities (opening another source). */
    public void reset(SourceCapabilities caps) {
        FxThread.assertFxThread();
        sessions.clear();
        byId.clear();
        capabilities.set(caps);
        connection.set(ConnectionState.of(ConnectionState.Kind.IDLE));
        status.set(StatusMessage.NONE);
        samplesReceived.set(0);
    }

    /**
     * FX thread: applies one update from the inbox. An update the console cannot use (a sample without a game or
     * seat, say) is counted in {@link #rejectedUpdatesProperty()} and logged once, never thrown into the pulse: one
     * bad row must not stop the rest of the drain.
     */
    public void apply(SourceUpdate update) {
        FxThread.assertFxThread();
        try {
            applyChecked(update);
        } catch (RuntimeException e) {
            if (rejectedUpdates.get() == 0) {
                LOG.warn("ignoring an update the console cannot use ({}); further ones are only counted", e.toString());
            }
            rejectedUpdates.set(rejectedUpdates.get() + 1);
        }
    }

    private void applyChecked(SourceUpdate update) {
        if (update instanceof SourceUpdate.SampleReceived s) {
            onSample(s.sample());
        } else if (update instanceof SourceUpdate.EventReceived e) {
            onEvent(e.event());
        } else if (update instanceof SourceUpdate.SnapshotReceived snap) {
            for (SessionInfo info : snap.sessions()) {
                session(info.gameId()).applySnapshot(info);
                info.recentEvents().stream().filter(e -> !alreadyLogged(e)).forEach(this::onEvent);
            }
        } else if (update instanceof SourceUpdate.ConnectionChanged c) {
            connection.set(c.state());
        } else if (update instanceof SourceUpdate.CommandCompleted done) {
            status.set(done.result().ok()
                    ? new StatusMessage(StatusMessage.Kind.OK, done.description() + ": acknowledged")
                    : new StatusMessage(StatusMessage.Kind.ERROR, done.description() + " failed: " + done.result().error()));
        }
    }

    /**
     * A live peer with no sample for this long is shown as stale: 30 samples missed at 10 Hz, well past the relay's
     * 100 ms batching, so a slow pulse never makes a healthy peer look stale.
     */
    public static final long STALE_AFTER_MS = 3_000;

    /** FX thread, once per pulse: marks live peers that stopped reporting as stale (and back when they resume). */
    public void tick() {
        FxThread.assertFxThread();
        if (!capabilities.get().live()) {
            return;
        }
        long now = clockMs.getAsLong();
        for (SessionViewModel s : sessions) {
            s.markStale(now, STALE_AFTER_MS);
        }
    }

    /** FX thread: says a command was sent and its acknowledgement is awaited. */
    public void showPending(String text) {
        FxThread.assertFxThread();
        status.set(new StatusMessage(StatusMessage.Kind.PENDING, text + " …"));
    }

    /** FX thread: an informational or error line (export finished, file could not be read). */
    public void showStatus(StatusMessage message) {
        FxThread.assertFxThread();
        status.set(message);
    }

    private void onSample(PeerSample s) {
        if (s.gameId() == null || s.playerId() == null) {
            throw new IllegalArgumentException("sample without game_id or player_id (seq " + s.seq() + ")");
        }
        samplesReceived.set(samplesReceived.get() + 1);
        session(s.gameId()).apply(s, clockMs.getAsLong());
    }

    private void onEvent(SessionEventRecord e) {
        session(e.gameId()).apply(e);
        allEvents.append(e);
    }

    /** A snapshot repeats recent events the console may have seen live; log each only once. */
    private boolean alreadyLogged(SessionEventRecord e) {
        SessionViewModel s = byId.get(e.gameId());
        return s != null && s.events().entries().contains(e);
    }

    private SessionViewModel session(String gameId) {
        SessionViewModel s = byId.get(gameId);
        if (s == null) {
            s = new SessionViewModel(gameId, capabilities.get()::reports, clockMs.getAsLong());
            byId.put(gameId, s);
            sessions.add(s);
        }
        return s;
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        boolean ended = showEnded.get();
        filtered.setPredicate(s -> (ended || !s.isEnded())
                && (text.isEmpty() || s.gameId().toLowerCase(Locale.ROOT).contains(text)
                        || s.playerIds().stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).contains(text))));
    }

    /** Every session, in arrival order. */
    public ObservableList<SessionViewModel> sessions() {
        return sessionsReadOnly;
    }

    /** The sessions the list shows: filtered and sorted. */
    public SortedList<SessionViewModel> visibleSessions() {
        return visible;
    }

    public SessionViewModel session(String gameId, boolean create) {
        return create ? session(gameId) : byId.get(gameId);
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public BooleanProperty showEndedProperty() {
        return showEnded;
    }

    public ObjectProperty<SessionSort> sortProperty() {
        return sort;
    }

    public EventLog allEvents() {
        return allEvents;
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<StatusMessage> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SourceCapabilities> capabilitiesProperty() {
        return capabilities.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty samplesReceivedProperty() {
        return samplesReceived.getReadOnlyProperty();
    }

    /** Updates that could not be used (see {@link #apply}); shown nowhere yet, counted for the load check and tests. */
    public ReadOnlyLongProperty rejectedUpdatesProperty() {
        return rejectedUpdates.getReadOnlyProperty();
    }
}
