package org.rollscope.ui.session;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.relay.ProbeProtocol;
import org.rollscope.ui.events.EventLog;
import org.rollscope.ui.fx.Formats;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.health.HealthGrade;
import org.rollscope.ui.peer.PeerCardViewModel;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.timeline.SessionTimeline;

/**
 * One session as the console shows it: its peers (in seat order), state, episode, health (the worst of its peers),
 * the frame drift between the two peers, each peer's transport, its event log and timelines; once ended, a summary.
 *
 * <p>FX thread only; fed by {@link ConsoleModel} inside the inbox drain.
 */
public final class SessionViewModel {

    /** Events kept on screen per session (the export's recorder keeps all). */
    public static final int EVENT_LOG_CAPACITY = 1_000;

    private final String gameId;
    private final Predicate<String> reports;
    private final ObservableList<PeerCardViewModel> peers = FXCollections.observableArrayList();
    /** One read-only view, kept: JavaFX's wrapper listens weakly, so a fresh wrapper per call could be
     *  collected together with the listeners added to it. */
    private final ObservableList<PeerCardViewModel> peersReadOnly = FXCollections.unmodifiableObservableList(peers);
    private final Map<String, PeerCardViewModel> peersById = new HashMap<>();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(Formats.UNKNOWN);
    private final ReadOnlyIntegerWrapper episode = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<HealthGrade> health = new ReadOnlyObjectWrapper<>(HealthGrade.UNKNOWN);
    private final ReadOnlyObjectWrapper<Double> driftFrames = new ReadOnlyObjectWrapper<>();
    /** Lazy: formatted only when a view shows it. */
    private final javafx.beans.binding.StringBinding driftText = javafx.beans.binding.Bindings.createStringBinding(
            () -> driftFrames.get() == null || peers.size() < 2 ? Formats.UNKNOWN
                    : Formats.signedFrames(driftFrames.get()) + " frames (" + peers.get(0).seatLabel() + " vs "
                            + peers.get(1).seatLabel() + ")", driftFrames);
    private final ReadOnlyStringWrapper transports = new ReadOnlyStringWrapper(Formats.UNKNOWN);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    /**
     * Commands this session's seats cannot carry out (event name → why), as their samples say: a MUG probe cannot
     * restore P2P, a MUG server's own report can do nothing.
     */
    private final javafx.collections.ObservableMap<String, String> unsupported =
            javafx.collections.FXCollections.observableHashMap();
    /** One read-only view, kept (a fresh wrapper per call could be collected with its listeners). */
    private final javafx.collections.ObservableMap<String, String> unsupportedReadOnly =
            javafx.collections.FXCollections.unmodifiableObservableMap(unsupported);
    private final EventLog events = new EventLog(EVENT_LOG_CAPACITY);
    private final SessionTimeline timeline;
    private final long firstSeenMs;
    private long firstSampleMs = -1;
    private long lastSampleMs = -1;
    private int fallbacks;
    private int episodesEnded;

    public SessionViewModel(String gameId, Predicate<String> reports, long firstSeenMs) {
        this.gameId = gameId;
        this.reports = reports;
        this.firstSeenMs = firstSeenMs;
        this.timeline = new SessionTimeline(gameId, reports, this::seatName);
    }

    /** FX thread: takes what a snapshot says about this session (players, state, ended, latest samples, events). */
    void applySnapshot(SessionInfo info) {
        FxThread.assertFxThread();
        for (String player : info.players()) {
            peer(player);
        }
        if (!info.state().isEmpty()) {
            state.set(info.state());
        }
        info.latestSamples().values().forEach(s -> apply(s, 0));
        if (info.ended()) {
            markEnded();
        }
    }

    /** FX thread: a new sample of one of this session's peers, received at {@code receivedMs} (console clock). */
    void apply(PeerSample s, long receivedMs) {
        FxThread.assertFxThread();
        PeerCardViewModel peer = peer(s.playerId());
        peer.apply(s);
        peer.markReceived(receivedMs);
        if (peer.latest() != s) {
            return; // stale or duplicate: the card kept its newer sample
        }
        if (firstSampleMs < 0 || s.tMs() < firstSampleMs) firstSampleMs = s.tMs();
        lastSampleMs = Math.max(lastSampleMs, s.tMs());
        if (!ended.get() && s.state() != null && reports.test("state")) {
            state.set(s.state());
        }
        if (reports.test("episode") && s.reports("episode")) {
            episode.set(Math.max(episode.get(), s.episode()));
        }
        for (String command : s.unsupportedCommands()) {
            if (!unsupported.containsKey(command)) {
                unsupported.put(command, PeerSample.SOURCE_MUG_PROBE.equals(s.source())
                        && ObserverProtocol.RESTORE_P2P.equals(command) ? ProbeProtocol.RESTORE_REFUSAL
                        : "this game is seen through the MUG server only (no probe in its pages), which cannot be "
                                + "steered");
            }
        }
        updateDrift();
        updateHealthAndTransports();
        timeline.append(peers.indexOf(peer), s, driftFrames.get() == null ? Double.NaN : driftFrames.get());
        if (PeerSample.STATE_DONE.equals(s.state()) && allPeersDone()) {
            markEnded();
        }
    }

    /** FX thread: a session event. */
    void apply(SessionEventRecord e) {
        FxThread.assertFxThread();
        if (e.playerId() != null && (e.kind().equals(SessionEventRecord.JOINED) || e.kind().equals(SessionEventRecord.CREATED))) {
            peer(e.playerId());
        }
        events.append(e);
        timeline.mark(e);
        switch (e.kind()) {
            case SessionEventRecord.FALLBACK -> fallbacks++;
            case SessionEventRecord.EPISODE_END -> episodesEnded++;
            case SessionEventRecord.ENDED -> markEnded();
            default -> { }
        }
        if (ended.get()) {
            updateSummary();
        }
    }

    /** FX thread: peers of a live, unfinished session that have been silent for {@code afterMs} become stale. */
    void markStale(long nowMs, long afterMs) {
        for (PeerCardViewModel p : peers) {
            boolean done = p.latest() != null && PeerSample.STATE_DONE.equals(p.latest().state());
            p.updateStale(!ended.get() && !done, nowMs, afterMs);
        }
    }

    private PeerCardViewModel peer(String playerId) {
        return peersById.computeIfAbsent(playerId, id -> {
            PeerCardViewModel vm = new PeerCardViewModel(gameId, id, peers.size(), reports);
            peers.add(vm);
            return vm;
        });
    }

    /**
     * Frames seat 0 runs ahead of seat 1, at the same instant: seat 1's frame is moved forward to seat 0's sample
     * time at seat 1's measured frame rate (samples of the two peers are taken up to 100 ms apart, six frames at
     * 60 fps, which would otherwise swamp a real drift of one or two frames).
     */
    private void updateDrift() {
        if (peers.size() < 2 || !reports.test("frame")) {
            driftFrames.set(null);
            return;
        }
        PeerSample a = peers.get(0).latest();
        PeerSample b = peers.get(1).latest();
        if (a == null || b == null || !a.reports("frame") || !b.reports("frame")) {
            driftFrames.set(null);
            return;
        }
        double bAtA = b.frame();
        if (b.fps() != null && b.fps() > 0 && PeerSample.STATE_RUNNING.equals(b.state())) {
            bAtA += (a.tMs() - b.tMs()) * b.fps() / 1000.0;
        }
        double d = Math.round((a.frame() - bAtA) * 10) / 10.0;
        if (driftFrames.get() == null || driftFrames.get() != d) {
            driftFrames.set(d);
        }
    }

    private void updateHealthAndTransports() {
        HealthGrade worst = HealthGrade.UNKNOWN;
        StringBuilder t = new StringBuilder();
        for (PeerCardViewModel p : peers) {
            worst = worst.worst(p.health());
            if (t.length() > 0) t.append("  ");
            t.append(p.playerId()).append(' ').append(p.transportProperty().get() == null ? Formats.UNKNOWN : p.transportProperty().get());
        }
        health.set(worst);
        transports.set(t.toString());
    }

    private boolean allPeersDone() {
        return peers.stream().allMatch(p -> p.latest() != null && PeerSample.STATE_DONE.equals(p.latest().state()));
    }

    private void markEnded() {
        if (!ended.get()) {
            ended.set(true);
            state.set("ended");
        }
        updateSummary();
    }

    private void updateSummary() {
        long duration = firstSampleMs < 0 ? 0 : lastSampleMs - firstSampleMs;
        long desyncs = peers.stream().filter(p -> p.latest() != null).mapToLong(p -> p.latest().desyncs()).max().orElse(0);
        int episodes = Math.max(episodesEnded, episode.get() + 1);
        summary.set(String.format(Locale.ROOT, "ended · ran %s · %d episode%s · %d fallback%s · %d desync%s",
                Formats.duration(duration), episodes, episodes == 1 ? "" : "s",
                fallbacks, fallbacks == 1 ? "" : "s", desyncs, desyncs == 1 ? "" : "s"));
    }

    public String gameId() {
        return gameId;
    }

    /** Peers in seat order (seat 0 first); a peer without a sample shows "no report". */
    public ObservableList<PeerCardViewModel> peers() {
        return peersReadOnly;
    }

    public PeerCardViewModel peer(int seat) {
        return seat < peers.size() ? peers.get(seat) : null;
    }

    /** The console's name of the seat {@code playerId} holds (a player not seen yet gets the next seat). */
    private String seatName(String playerId) {
        return peer(playerId).seatName();
    }

    public List<String> playerIds() {
        return peers.stream().map(PeerCardViewModel::playerId).toList();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Highest episode any peer reported; −1 while unknown. */
    public ReadOnlyIntegerProperty episodeProperty() {
        return episode.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty endedProperty() {
        return ended.getReadOnlyProperty();
    }

    public boolean isEnded() {
        return ended.get();
    }

    public ReadOnlyObjectProperty<HealthGrade> healthProperty() {
        return health.getReadOnlyProperty();
    }

    public HealthGrade health() {
        return health.get();
    }

    /** Frames seat 0 is ahead of seat 1 (negative: behind), or null when unknown. */
    public ReadOnlyObjectProperty<Double> driftFramesProperty() {
        return driftFrames.getReadOnlyProperty();
    }

    public javafx.beans.binding.StringBinding driftTextProperty() {
        return driftText;
    }

    /** Each peer's transport, e.g. {@code p1 p2p  p2 relay}. */
    public ReadOnlyStringProperty transportsProperty() {
        return transports.getReadOnlyProperty();
    }

    /** Empty while live; a one-line summary once ended. */
    /**
     * Commands (observer event names, e.g. {@code restore_p2p}) this session cannot carry out, with the reason; set
     * once a peer's samples say so (a MUG page's probe on a relay without the opt-in cannot restore P2P: MUG latches
     * its fallback). Read-only; FX thread.
     */
    public javafx.collections.ObservableMap<String, String> unsupportedCommands() {
        return unsupportedReadOnly;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public EventLog events() {
        return events;
    }

    public SessionTimeline timeline() {
        return timeline;
    }

    long firstSeenMs() {
        return firstSeenMs;
    }
}
