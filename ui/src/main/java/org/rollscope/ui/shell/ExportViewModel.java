package org.rollscope.ui.shell;

import java.io.IOException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.image.WritableImage;
import org.rollscope.ui.export.ExportRequest;
import org.rollscope.ui.export.ExportTask;
import org.rollscope.ui.export.TimelineExporter;
import org.rollscope.ui.export.TimelineFile;
import org.rollscope.ui.export.TimelineRecorder;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.session.ConsoleModel;
import org.rollscope.ui.session.StatusMessage;

/**
 * Runs exports: takes the recorder's snapshot, writes it on a background thread with progress, optionally saves a
 * PNG of the charts (snapshotted on the FX thread first, written in the background), and reports the outcome in the
 * status line. One export at a time.
 *
 * <p>FX thread only.
 */
public final class ExportViewModel {

    private final Supplier<TimelineRecorder> recorder;
    private final Supplier<String> sourceName;
    private final ConsoleModel model;
    private final LongSupplier clockMs;
    private final TimelineExporter exporter = new TimelineExporter();
    private final java.util.concurrent.Executor worker;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);

    /** @param worker where exports run: the window's one background thread for file work */
    public ExportViewModel(Supplier<TimelineRecorder> recorder, Supplier<String> sourceName, ConsoleModel model,
            LongSupplier clockMs, java.util.concurrent.Executor worker) {
        this.worker = worker;
        this.recorder = recorder;
        this.sourceName = sourceName;
        this.model = model;
        this.clockMs = clockMs;
    }

    /**
     * Starts an export. {@code charts} is an image of the timelines to save as {@code <base>-timelines.png}, or null.
     *
     * @return the running task (for tests and callers that want the files)
     * @throws IllegalStateException if an export is already running
     */
    public ExportTask export(ExportRequest request, WritableImage charts) {
        FxThread.assertFxThread();
        if (running.get()) {
            throw new IllegalStateException("an export is already running");
        }
        TimelineFile file = recorder.get().snapshot(request.gameId(), sourceName.get(), clockMs.getAsLong());
        ExportTask task = new ExportTask(file, request, exporter, charts);
        running.set(true);
        progress.bind(task.progressProperty());
        model.showPending("Exporting " + file.samples().size() + " samples and " + file.events().size() + " events");
        task.setOnSucceeded(e -> finish(new StatusMessage(StatusMessage.Kind.OK, "Exported " + file.samples().size()
                + " samples, " + file.events().size() + " events to " + request.directory() + " ("
                + task.getValue().size() + " files)")));
        task.setOnFailed(e -> finish(new StatusMessage(StatusMessage.Kind.ERROR, "Export failed: "
                + plain(task.getException()))));
        worker.execute(task);
        return task;
    }

    private void finish(StatusMessage message) {
        progress.unbind();
        progress.set(0);
        running.set(false);
        model.showStatus(message);
    }

    private static String plain(Throwable e) {
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e == null ? "unknown error" : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0..1 while running. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

}
