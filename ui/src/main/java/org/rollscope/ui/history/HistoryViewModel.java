package org.rollscope.ui.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.rollscope.netcode.archive.ArchiveExport;
import org.rollscope.netcode.archive.ArchivedSession;
import org.rollscope.ui.connect.RelayArchive;
import org.rollscope.ui.export.ExportRequest;
import org.rollscope.ui.export.ReplaySource;
import org.rollscope.ui.export.TimelineRecorder;
import org.rollscope.ui.session.StatusMessage;
import org.rollscope.ui.source.SessionSource;

/**
 * The History's state and commands: the archived sessions of the relay the console watches (or last watched),
 * filtered by game or player text and sorted; open one as a replay in the usual views; export one as the archive
 * exports it ({@code ctl export}'s files, through the same {@link ArchiveExport}).
 *
 * <p>Threads: call everything on the FX thread; reads run on {@code io} and their outcome comes back through
 * {@code fx}. The outcome of each command goes to the console's status line ({@code status}).
 */
public final class HistoryViewModel {

    private final Executor io;
    private final Executor fx;
    private final LongSupplier clockMs;
    private final Consumer<SessionSource> opener;
    private final Consumer<StatusMessage> status;
    private final ObjectProperty<RelayArchive> archive = new SimpleObjectProperty<>();
    private final ObservableList<ArchivedSession> all = FXCollections.observableArrayList();
    private final FilteredList<ArchivedSession> filtered = new FilteredList<>(all);
    private final SortedList<ArchivedSession> rows = new SortedList<>(filtered);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<HistorySort> sort = new SimpleObjectProperty<>(HistorySort.START);
    private final ObjectProperty<ArchivedSession> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private int maxSamples = TimelineRecorder.DEFAULT_SAMPLE_CAPACITY;

    /**
     * @param io where archive reads and exports run (the window's file/IO thread)
     * @param fx how results get back to the FX thread ({@code Platform::runLater})
     * @param opener shows a source in the console, as "Open timeline..." does
     * @param status the console's status line
     */
    public HistoryViewModel(Executor io, Executor fx, LongSupplier clockMs, Consumer<SessionSource> opener,
                            Consumer<StatusMessage> status) {
        this.io = io;
        this.fx = fx;
        this.clockMs = clockMs;
        this.opener = opener;
        this.status = status;
        filter.addListener((o, a, b) -> filtered.setPredicate(HistoryFilter.of(b)));
        rows.comparatorProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> sort.get() == null ? HistorySort.START.order() : sort.get().order(), sort));
        Runnable count = () -> summary.set(all.isEmpty() ? "" : rows.size() == all.size()
                ? all.size() + (all.size() == 1 ? " session" : " sessions")
                : rows.size() + " of " + all.size() + " sessions");
        rows.addListener((javafx.collections.ListChangeListener<ArchivedSession>) c -> count.run());
        all.addListener((javafx.collections.ListChangeListener<ArchivedSession>) c -> count.run());
    }

    /**
     * Asks the relay for its archived sessions (newest 1,000) and replaces the list; the selection is kept when the
     * session is still there. Completes on the FX thread; a failure is in the status line and the future.
     */
    public CompletableFuture<List<ArchivedSession>> refresh() {
        RelayArchive from = archive.get();
        if (from == null) {
            status.accept(new StatusMessage(StatusMessage.Kind.ERROR,
                    "History: connect to a relay first (its archive is read over the observer connection)"));
            return CompletableFuture.failedFuture(new IllegalStateException("no relay"));
        }
        busy.set(true);
        return run(() -> from.read(a -> a.sessions(null, null)), sessions -> {
            String keep = selected.get() == null ? null : selected.get().gameId();
            all.setAll(sessions);
            selected.set(sessions.stream().filter(s -> s.gameId().equals(keep)).findFirst().orElse(null));
            status.accept(new StatusMessage(StatusMessage.Kind.OK, "History of " + from.url() + ": "
                    + sessions.size() + (sessions.size() == 1 ? " session" : " sessions")));
        }, "History of " + from.url());
    }

    /**
     * Reads the session's whole timeline (up to the console's cap) and shows it in the usual views as a replay, in
     * place of the current source. Completes with the source opened.
     */
    public CompletableFuture<ReplaySource> open(ArchivedSession session) {
        RelayArchive from = archive.get();
        if (from == null || session == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to open"));
        }
        busy.set(true);
        status.accept(new StatusMessage(StatusMessage.Kind.PENDING, "Opening " + session.gameId()
                + " from the archive"));
        int cap = maxSamples;
        CompletableFuture<ReplaySource> opened = new CompletableFuture<>();
        run(() -> from.read(a -> ArchivedTimeline.read(a.timeline(session.gameId(), null, null), cap,
                clockMs.getAsLong())), loaded -> {
            ReplaySource source = new ReplaySource(loaded.file(), session.gameId() + " from the archive of "
                    + from.url(), 0, false);
            opener.accept(source);
            status.accept(new StatusMessage(StatusMessage.Kind.OK, "Opened " + session.gameId()
                    + " from the archive: " + loaded.file().samples().size() + " samples, "
                    + loaded.file().events().size() + " events" + (loaded.leftOut() == 0 ? ""
                    : " (the first " + cap + "; " + loaded.leftOut() + " later samples left out: use Export)")));
            opened.complete(source);
        }, "Opening " + session.gameId()).exceptionally(e -> {
            opened.completeExceptionally(e);
            return null;
        });
        return opened;
    }

    /**
     * Exports the session as {@code ctl export} does: CSV to {@code <base>-samples.csv} and {@code
     * <base>-events.csv}, JSON to {@code <base>.json}, in the request's directory. Completes with the files written.
     */
    public CompletableFuture<List<Path>> export(ArchivedSession session, ExportRequest request) {
        RelayArchive from = archive.get();
        if (from == null || session == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("nothing to export"));
        }
        busy.set(true);
        exportProgress.set(0);
        status.accept(new StatusMessage(StatusMessage.Kind.PENDING, "Exporting " + session.gameId()
                + " from the archive (" + session.samples() + " samples)"));
        long now = clockMs.getAsLong();
        return run(() -> from.read(a -> {
            List<Path> written = new ArrayList<>();
            ArchiveExport export = new ArchiveExport();
            int formats = (request.csv() ? 1 : 0) + (request.json() ? 1 : 0);
            int[] done = {0};
            org.rollscope.netcode.timeline.TimelineWriter.Progress progress = (d, t) -> {
                double fraction = (done[0] + (t == 0 ? 1.0 : (double) d / t)) / formats;
                fx.execute(() -> exportProgress.set(fraction));
            };
            if (request.csv()) {
                written.addAll(export.write(a.timeline(session.gameId(), null, null), ArchiveExport.Format.CSV,
                        request.directory().resolve(request.baseName() + "-samples.csv"), now, progress));
                done[0]++;
            }
            if (request.json()) {
                written.addAll(export.write(a.timeline(session.gameId(), null, null), ArchiveExport.Format.JSON,
                        request.directory().resolve(request.baseName() + ".json"), now, progress));
            }
            return written;
        }), written -> {
            exportProgress.set(0);
            status.accept(new StatusMessage(StatusMessage.Kind.OK, "Exported " + session.gameId()
                    + " from the archive to " + request.directory() + " (" + written.size() + " files)"));
        }, "Export of " + session.gameId());
    }

    private interface Read<T> {
        T run() throws IOException;
    }

    /** Runs {@code read} on io; success or failure comes back on fx, the failure in the status line. */
    private <T> CompletableFuture<T> run(Read<T> read, Consumer<T> onFx, String what) {
        CompletableFuture<T> result = new CompletableFuture<>();
        io.execute(() -> {
            try {
                T value = read.run();
                fx.execute(() -> {
                    busy.set(false);
                    onFx.accept(value);
                    result.complete(value);
                });
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> {
                    busy.set(false);
                    exportProgress.set(0);
                    status.accept(new StatusMessage(StatusMessage.Kind.ERROR, what + " failed: " + e.getMessage()));
                    result.completeExceptionally(e);
                });
            }
        });
        return result;
    }

    /** The relay whose archive the History shows; null until the console watches a relay. */
    public ObjectProperty<RelayArchive> archiveProperty() {
        return archive;
    }

    /** The sessions to show: filtered, then sorted. */
    public ObservableList<ArchivedSession> rows() {
        return rows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<HistorySort> sortProperty() {
        return sort;
    }

    public ObjectProperty<ArchivedSession> selectedProperty() {
        return selected;
    }

    /** True while a read, an open or an export runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0..1 while an export runs. */
    public ReadOnlyDoubleProperty exportProgressProperty() {
        return exportProgress.getReadOnlyProperty();
    }

    /** "12 sessions", "3 of 12 sessions" (filtered), or empty before the first refresh. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** How many samples an opened session may hold in the console (tests lower it). */
    void maxSamples(int max) {
        this.maxSamples = max;
    }
}
