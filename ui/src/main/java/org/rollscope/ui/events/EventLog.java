package org.rollscope.ui.events;

import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.source.SessionEventRecord;

/**
 * A bounded event log, newest first, with a filter by kind and by text (game, seat, kind or detail). When full the
 * oldest entry goes; the exporter's recorder keeps the complete history, this log is for reading on screen.
 *
 * <p>FX thread only.
 */
public final class EventLog {

    /** Kind filter value meaning "every kind". */
    public static final String ALL_KINDS = "all";

    private final int capacity;
    private final ObservableList<SessionEventRecord> entries = FXCollections.observableArrayList();
    /** One read-only view, kept: JavaFX's wrapper listens weakly, so a fresh wrapper per call could be
     *  collected together with the listeners added to it. */
    private final ObservableList<SessionEventRecord> entriesReadOnly = FXCollections.unmodifiableObservableList(entries);
    private final FilteredList<SessionEventRecord> filtered = new FilteredList<>(entries);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<String> kindFilter = new SimpleObjectProperty<>(ALL_KINDS);
    private final ObservableList<String> kindsSeen = FXCollections.observableArrayList(ALL_KINDS);
    /** One read-only view, kept: JavaFX's wrapper listens weakly, so a fresh wrapper per call could be
     *  collected together with the listeners added to it. */
    private final ObservableList<String> kindsSeenReadOnly = FXCollections.unmodifiableObservableList(kindsSeen);
    private long discarded;

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        filterText.addListener((o, a, b) -> refilter());
        kindFilter.addListener((o, a, b) -> refilter());
    }

    /** FX thread: adds an event at the top; drops the oldest when over capacity. */
    public void append(SessionEventRecord e) {
        FxThread.assertFxThread();
        entries.add(0, e);
        if (entries.size() > capacity) {
            entries.remove(capacity, entries.size());
            discarded++;
        }
        if (!kindsSeen.contains(e.kind())) {
            kindsSeen.add(e.kind());
        }
    }

    /** Every retained entry, newest first. */
    public ObservableList<SessionEventRecord> entries() {
        return entriesReadOnly;
    }

    /** The entries passing the current filters, newest first. */
    public ObservableList<SessionEventRecord> filtered() {
        return filtered;
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<String> kindFilterProperty() {
        return kindFilter;
    }

    /** Kinds seen so far, for the kind filter's choices ({@link #ALL_KINDS} first). */
    public ObservableList<String> kindsSeen() {
        return kindsSeenReadOnly;
    }

    /** Entries pushed out because the log was full. */
    public long discarded() {
        return discarded;
    }

    public int capacity() {
        return capacity;
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().trim().toLowerCase(Locale.ROOT);
        String kind = kindFilter.get() == null ? ALL_KINDS : kindFilter.get();
        filtered.setPredicate(e -> (kind.equals(ALL_KINDS) || kind.equals(e.kind()))
                && (text.isEmpty() || matches(e, text)));
    }

    private static boolean matches(SessionEventRecord e, String text) {
        return e.gameId().toLowerCase(Locale.ROOT).contains(text)
                || (e.playerId() != null && e.playerId().toLowerCase(Locale.ROOT).contains(text))
                || e.kind().toLowerCase(Locale.ROOT).contains(text)
                || e.detail().toLowerCase(Locale.ROOT).contains(text);
    }
}
