package org.rollscope.ui.peer;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.fx.Formats;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.health.HealthGrade;
import org.rollscope.ui.health.HealthThresholds;

/**
 * One peer as the console shows it: every figure of telemetry.md §1 as a read-only text property with its grade,
 * the latest sample, the peer's overall health and its transport. Fields the source does not report stay unknown
 * ("—") however many samples arrive, so a MUG server's missing frames never read as zero.
 *
 * <p>FX thread only. Fed by {@link #apply(PeerSample)} from the inbox drain; commands go through the session's
 * command service, not through here, so this class has no dependency on a source.
 */
public final class PeerCardViewModel {

    private final String gameId;
    private final String playerId;
    private final int seat;
    private final Predicate<String> reports;
    private final ReadOnlyObjectWrapper<PeerSample> latest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<HealthGrade> health = new ReadOnlyObjectWrapper<>(HealthGrade.UNKNOWN);
    private final ReadOnlyStringWrapper transport = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper reported = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyLongWrapper missedSamples = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper silentForMs = new ReadOnlyLongWrapper(0);
    private long lastReceivedMs;
    // Texts and grades are lazy bindings on the latest sample: formatting 29 figures for every sample of every peer
    // would cost more than everything else the FX thread does at 100 sessions, and only the cards on screen are read.
    private final Map<Metric, StringBinding> text = new EnumMap<>(Metric.class);
    private final Map<Metric, ObjectBinding<HealthGrade>> grades = new EnumMap<>(Metric.class);
    private final StringBinding transportText;

    /**
     * A card for the first seat (tests and single cards); a session names its seats with the other constructor.
     *
     * @param reports which telemetry fields the source fills in (§1 names); others stay unknown
     */
    public PeerCardViewModel(String gameId, String playerId, Predicate<String> reports) {
        this(gameId, playerId, 0, reports);
    }

    /**
     * @param seat the seat's position in its session (0 or 1): its name in the console
     * @param reports which telemetry fields the source fills in (§1 names); others stay unknown
     */
    public PeerCardViewModel(String gameId, String playerId, int seat, Predicate<String> reports) {
        this.gameId = gameId;
        this.playerId = playerId;
        this.seat = seat;
        this.reports = reports;
        transportText = Bindings.createStringBinding(() -> {
            PeerSample s = latest.get();
            String t = s == null || !reports.test("transport") ? null : s.transport();
            String reason = s == null || !reports.test("transport_reason") ? null : s.transportReason();
            return t == null ? Formats.UNKNOWN : reason == null || reason.isEmpty() ? t : t + " · " + reason;
        }, latest);
    }

    public String gameId() {
        return gameId;
    }

    public String playerId() {
        return playerId;
    }

    /** The seat's short name, "seat N", where the player id would crowd the text (chips, drift). */
    public String seatLabel() {
        return "seat " + seat;
    }

    /** The seat's name, as cards, chart legends and markers all say it ({@link Formats#seat}). */
    public String seatName() {
        return Formats.seat(seat, playerId);
    }

    /** FX thread: takes a newer sample of this peer. An older or repeated {@code seq} is ignored. */
    public void apply(PeerSample s) {
        FxThread.assertFxThread();
        PeerSample previous = latest.get();
        if (previous != null && s.seq() <= previous.seq() && s.tMs() <= previous.tMs()) {
            return;
        }
        if (previous != null && s.seq() > previous.seq() + 1) {
            missedSamples.set(missedSamples.get() + (s.seq() - previous.seq() - 1));
        }
        latest.set(s);
        reported.set(true);
        transport.set(reports.test("transport") ? s.transport() : null);
        health.set(HealthThresholds.peer(s, reports));
    }

    /** FX thread: when the console received this peer's latest sample (console clock, ms); 0 = from a snapshot. */
    public void markReceived(long receivedMs) {
        FxThread.assertFxThread();
        if (receivedMs > 0) {
            lastReceivedMs = receivedMs;
            silentForMs.set(0);
        }
    }

    /**
     * FX thread: {@code watching} says whether silence matters (a live, unfinished session). Sets
     * {@link #silentForMsProperty()} to how long the peer has been silent once that exceeds {@code afterMs}, else 0.
     */
    public void updateStale(boolean watching, long nowMs, long afterMs) {
        long silent = watching && lastReceivedMs > 0 ? nowMs - lastReceivedMs : 0;
        long shown = silent > afterMs ? silent / 1000 * 1000 : 0; // whole seconds: one change per second, not per pulse
        if (shown != silentForMs.get()) {
            silentForMs.set(shown);
        }
    }

    /** 0 while the peer reports; otherwise how long (whole seconds, in ms) a live peer has sent nothing. */
    public ReadOnlyLongProperty silentForMsProperty() {
        return silentForMs.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PeerSample> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public PeerSample latest() {
        return latest.get();
    }

    public ReadOnlyObjectProperty<HealthGrade> healthProperty() {
        return health.getReadOnlyProperty();
    }

    public HealthGrade health() {
        return health.get();
    }

    /** The raw transport ({@code p2p}, {@code relay}, {@code p2p+relay}) or null when unknown. */
    public ReadOnlyStringProperty transportProperty() {
        return transport.getReadOnlyProperty();
    }

    /** Transport with its reason, e.g. {@code relay · forced}. */
    public StringBinding transportTextProperty() {
        return transportText;
    }

    /** False until the first sample: the seat shows "no report". */
    public ReadOnlyBooleanProperty reportedProperty() {
        return reported.getReadOnlyProperty();
    }

    /** Samples this console never saw, from gaps in {@code seq}. */
    public ReadOnlyLongProperty missedSamplesProperty() {
        return missedSamples.getReadOnlyProperty();
    }

    /** The figure as shown: formatted, or "—" when unknown or unreported. */
    public StringBinding textProperty(Metric metric) {
        return text.computeIfAbsent(metric, m -> Bindings.createStringBinding(() -> {
            PeerSample s = latest.get();
            return s != null && reports.test(m.field()) ? m.format(m.read(s)) : Formats.UNKNOWN;
        }, latest));
    }

    public String text(Metric metric) {
        return textProperty(metric).get();
    }

    public ObjectBinding<HealthGrade> gradeProperty(Metric metric) {
        return grades.computeIfAbsent(metric, m -> Bindings.createObjectBinding(() -> {
            PeerSample s = latest.get();
            return s != null && reports.test(m.field()) ? m.grade(s) : HealthGrade.UNKNOWN;
        }, latest));
    }

    public HealthGrade grade(Metric metric) {
        return gradeProperty(metric).get();
    }
}
