package org.rollscope.ui.export;

import java.nio.file.Path;
import java.util.List;
import javafx.concurrent.Task;

/**
 * Writes an export off the FX thread with progress (rows written / rows to write), for a progress bar. The data is
 * the recorder's snapshot taken when the task was made, so samples arriving during the export don't change it.
 */
public final class ExportTask extends Task<List<Path>> {

    private final TimelineFile file;
    private final ExportRequest request;
    private final TimelineExporter exporter;
    private final javafx.scene.image.WritableImage charts;

    /** @param charts an image of the charts (taken on the FX thread) to save as {@code <base>-timelines.png}, or null */
    public ExportTask(TimelineFile file, ExportRequest request, TimelineExporter exporter,
            javafx.scene.image.WritableImage charts) {
        this.file = file;
        this.request = request;
        this.exporter = exporter;
        this.charts = charts;
        updateTitle("Export " + (request.gameId() == null ? "all sessions" : request.gameId()));
    }

    @Override
    protected List<Path> call() throws Exception {
        updateMessage("writing " + file.samples().size() + " samples, " + file.events().size() + " events");
        List<Path> written = exporter.writeAll(file, request.directory(), request.baseName(), request.csv(),
                request.json(), (done, total) -> updateProgress(done, Math.max(1, total)));
        if (charts != null) {
            Path png = request.directory().resolve(request.baseName() + "-timelines.png");
            ChartPng.write(charts, png);
            written = new java.util.ArrayList<>(written);
            written.add(png);
        }
        updateMessage("wrote " + written.size() + " files to " + request.directory());
        return written;
    }

    public TimelineFile timeline() {
        return file;
    }
}
