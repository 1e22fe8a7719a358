package org.rollscope.ui.timeline;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.source.SessionEventRecord;

/**
 * The timelines of one session: for each {@link TimelineMetric}, a {@link MetricSeries} per seat (seat 0 and 1, the
 * two players), the drift series, transport bands and event markers. All bounded: series by their rings, bands and
 * markers by {@link #MAX_BANDS} / {@link #MAX_MARKERS} (oldest dropped).
 *
 * <p>FX thread only; fed from the inbox drain by the session's view-model.
 */
public final class SessionTimeline {

    /** Seats drawn: the two players of a session. A third seat (not in MUG's two-player games) is not charted. */
    public static final int SEATS = 2;
    /** Transport switches kept; a flapping link over hours must not grow the chart's node count without bound. */
    public static final int MAX_BANDS = 200;
    /** Event markers kept (the event log and the export keep more). */
    public static final int MAX_MARKERS = 300;
    /** Event kinds worth a marker; joins and the like stay in the log. */
    public static final Set<String> MARKED_KINDS = Set.of(SessionEventRecord.FALLBACK, SessionEventRecord.P2P_RESTORED,
            SessionEventRecord.DESYNC, SessionEventRecord.EPISODE_END, SessionEventRecord.COMMAND);

    private final Map<TimelineMetric, MetricSeries[]> series = new EnumMap<>(TimelineMetric.class);
    private final Predicate<String> reports;
    private final Function<String, String> seatName;
    private final MetricSeries drift;
    /** Rollbacks per second are measured over this window: a 100 ms delta of a bursty counter is mostly noise. */
    static final long RATE_WINDOW_MS = 1_000;

    private final Map<Integer, java.util.ArrayDeque<PeerSample>> recent = new HashMap<>();
    private final Map<Integer, String> seatTransport = new HashMap<>();
    private final ObservableList<TransportBand> bands = FXCollections.observableArrayList();
    /** One read-only view, kept: JavaFX's wrapper listens weakly, so a fresh wrapper per call could be
     *  collected together with the listeners added to it. */
    private final ObservableList<TransportBand> bandsReadOnly = FXCollections.unmodifiableObservableList(bands);
    private final ObservableList<EventMarker> markers = FXCollections.observableArrayList();
    /** One read-only view, kept: JavaFX's wrapper listens weakly, so a fresh wrapper per call could be
     *  collected together with the listeners added to it. */
    private final ObservableList<EventMarker> markersReadOnly = FXCollections.unmodifiableObservableList(markers);
    private final ReadOnlyDoubleWrapper latestSec = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyDoubleWrapper firstSec = new ReadOnlyDoubleWrapper(Double.NaN);

    /** A timeline of a source that reports every field, its seats named by their player ids' positions. */
    public SessionTimeline(String gameId) {
        this(gameId, field -> true, playerId -> "seat " + playerId);
    }

    /**
     * @param reports which telemetry fields the source fills in: a chart of a field it does not report stays empty
     *     (a MUG server reports no rollbacks; a line at 0 would say it had none)
     * @param seatName the console's name of the seat a player id holds, for markers
     */
    public SessionTimeline(String gameId, Predicate<String> reports, Function<String, String> seatName) {
        this.reports = reports;
        this.seatName = seatName;
        for (TimelineMetric m : TimelineMetric.values()) {
            MetricSeries[] perSeat = new MetricSeries[SEATS];
            for (int seat = 0; seat < SEATS; seat++) {
                // One colour per seat in every chart; the colours themselves live in rollscope.css.
                perSeat[seat] = new MetricSeries(m.name().toLowerCase(java.util.Locale.ROOT) + " seat " + seat,
                        seat == 0 ? Css.SERIES_PEER_A : Css.SERIES_PEER_B);
            }
            series.put(m, perSeat);
        }
        drift = new MetricSeries("drift " + gameId, Css.SERIES_DRIFT);
    }

    /**
     * FX thread: adds a sample of the player in {@code seat} (0 or 1).
     *
     * @param driftFrames drift between the peers at this moment, or NaN when unknown
     */
    public void append(int seat, PeerSample s, double driftFrames) {
        FxThread.assertFxThread();
        if (seat < 0 || seat >= SEATS) {
            return;
        }
        double t = s.tMs() / 1000.0;
        PeerSample windowStart = slideRateWindow(seat, s);
        plot(TimelineMetric.FRAME_LAG, seat, s, s.confirmedFrame() < 0 ? Double.NaN : s.frame() - s.confirmedFrame());
        plot(TimelineMetric.RTT, seat, s, nanIfNull(s.rttMs()));
        plot(TimelineMetric.GAP_RATE, seat, s, s.gapRate() == null ? Double.NaN : s.gapRate() * 100);
        plot(TimelineMetric.BUFFERED, seat, s, s.bufferedAmount() == null ? Double.NaN : s.bufferedAmount() / 1024.0);
        plot(TimelineMetric.ROLLBACK_RATE, seat, s, rollbackRate(windowStart, s));
        plot(TimelineMetric.ROLLBACK_DEPTH, seat, s, s.lastRollbackDepth());
        if (!Double.isNaN(driftFrames)) {
            drift.append(t, driftFrames);
        }
        seatTransport.put(seat, s.transport());
        extendBands(t);
        if (Double.isNaN(firstSec.get()) || t < firstSec.get()) {
            firstSec.set(t);
        }
        if (Double.isNaN(latestSec.get()) || t > latestSec.get()) {
            latestSec.set(t);
        }
    }

    /** FX thread: marks an event if its kind is one of {@link #MARKED_KINDS}. */
    public void mark(SessionEventRecord e) {
        FxThread.assertFxThread();
        if (!MARKED_KINDS.contains(e.kind())) {
            return;
        }
        String label = e.playerId() == null ? e.kind() : e.kind() + " · " + seatName.apply(e.playerId());
        markers.add(new EventMarker(e.tMs() / 1000.0, e.kind(), label));
        if (markers.size() > MAX_MARKERS) {
            markers.remove(0, markers.size() - MAX_MARKERS);
        }
    }

    /**
     * Appends a point at the sample's time, or a gap (NaN) when the source, or this sample (its
     * {@code unknown_fields}), does not report the fields the chart is made of.
     */
    private void plot(TimelineMetric metric, int seat, PeerSample s, double value) {
        boolean reported = metric.fields().stream().allMatch(f -> reports.test(f) && s.reports(f));
        series.get(metric)[seat].append(s.tMs() / 1000.0, reported ? value : Double.NaN);
    }

    /** Adds {@code s} to the seat's rate window and returns the sample about {@link #RATE_WINDOW_MS} before it. */
    private PeerSample slideRateWindow(int seat, PeerSample s) {
        java.util.ArrayDeque<PeerSample> w = recent.computeIfAbsent(seat, k -> new java.util.ArrayDeque<>());
        if (!w.isEmpty() && s.tMs() < w.peekLast().tMs()) {
            w.clear(); // time went backwards (a new recording): start over
        }
        w.addLast(s);
        while (w.size() > 2) {
            java.util.Iterator<PeerSample> it = w.iterator();
            it.next();
            if (s.tMs() - it.next().tMs() >= RATE_WINDOW_MS) {
                w.removeFirst();
            } else {
                break;
            }
        }
        return w.peekFirst();
    }

    /** Rollbacks per second between two samples of one peer; NaN for the first sample or a counter reset. */
    static double rollbackRate(PeerSample prev, PeerSample s) {
        if (prev == null || s.tMs() <= prev.tMs() || s.rollbacks() < prev.rollbacks() || !s.reports("rollbacks")
                || !prev.reports("rollbacks")) {
            return Double.NaN;
        }
        return (s.rollbacks() - prev.rollbacks()) * 1000.0 / (s.tMs() - prev.tMs());
    }

    private void extendBands(double t) {
        String mode = sessionMode();
        TransportBand last = bands.isEmpty() ? null : bands.get(bands.size() - 1);
        if (mode == null) {
            return;
        }
        if (last != null && last.mode().equals(mode)) {
            last.extendTo(t);
            return;
        }
        if (last != null) {
            last.extendTo(t);
        }
        bands.add(new TransportBand(t, mode));
        if (bands.size() > MAX_BANDS) {
            bands.remove(0, bands.size() - MAX_BANDS);
        }
    }

    /** The worst mode over the seats: relay beats p2p+relay beats p2p; null while no seat reports one. */
    private String sessionMode() {
        String worst = null;
        for (String t : seatTransport.values()) {
            if (t == null) {
                continue;
            }
            if (rank(t) > rank(worst)) {
                worst = t;
            }
        }
        return worst;
    }

    private static int rank(String mode) {
        if (mode == null) return -1;
        return switch (mode) {
            case PeerSample.TRANSPORT_RELAY -> 2;
            case PeerSample.TRANSPORT_BOTH -> 1;
            default -> 0;
        };
    }

    private static double nanIfNull(Double v) {
        return v == null ? Double.NaN : v;
    }

    /** The series of {@code metric} for {@code seat}. */
    public MetricSeries series(TimelineMetric metric, int seat) {
        return series.get(metric)[seat];
    }

    /** Frame drift between the two peers (seat 0 minus seat 1), in frames. */
    public MetricSeries drift() {
        return drift;
    }

    public ObservableList<TransportBand> bands() {
        return bandsReadOnly;
    }

    public ObservableList<EventMarker> markers() {
        return markersReadOnly;
    }

    /** Time of the newest sample in epoch seconds; NaN before the first. */
    public ReadOnlyDoubleProperty latestSecProperty() {
        return latestSec.getReadOnlyProperty();
    }

    public double latestSec() {
        return latestSec.get();
    }

    public double firstSec() {
        return firstSec.get();
    }

    /** The session left the screen: drop its ChartFX datasets (the rings keep every point). */
    public void release() {
        allSeries().forEach(MetricSeries::release);
    }

    /** Every series of this session (for tests and memory accounting). */
    public List<MetricSeries> allSeries() {
        java.util.ArrayList<MetricSeries> all = new java.util.ArrayList<>();
        series.values().forEach(a -> all.addAll(List.of(a)));
        all.add(drift);
        return all;
    }
}
