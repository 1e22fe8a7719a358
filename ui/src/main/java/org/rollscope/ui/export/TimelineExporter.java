package org.rollscope.ui.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.timeline.TimelineEvent;
import org.rollscope.netcode.timeline.TimelineWriter;
import org.rollscope.ui.source.SessionEventRecord;

/**
 * Writes a {@link TimelineFile} as CSV (samples, and events in a second file) and as JSON {@code {meta, samples,
 * events}} (telemetry.md §4), with progress. The formats themselves are netcode's {@link TimelineWriter}, the same
 * code the relay archive's {@code rollscope ctl export} uses; this class names the files and adapts the console's
 * records. Files are written to a temporary name and moved into place.
 *
 * <p>Any thread except the FX thread (it blocks on disk); one instance may be shared.
 */
public final class TimelineExporter {

    /** Progress callback: units done so far out of a total (rows). */
    @FunctionalInterface
    public interface Progress extends TimelineWriter.Progress {
        Progress NONE = (d, t) -> { };
    }

    private final TimelineWriter writer = new TimelineWriter();

    /** Rows to write for {@code file} as CSV + JSON: progress total for {@link #writeAll}. */
    public static long workUnits(TimelineFile file, boolean csv, boolean json) {
        long rows = file.samples().size() + file.events().size();
        return (csv ? rows : 0) + (json ? rows : 0);
    }

    /** The paths an export with base name {@code base} in {@code dir} writes. */
    public static Path samplesCsv(Path dir, String base) {
        return dir.resolve(base + "-samples.csv");
    }

    public static Path eventsCsv(Path dir, String base) {
        return dir.resolve(base + "-events.csv");
    }

    public static Path json(Path dir, String base) {
        return dir.resolve(base + ".json");
    }

    /** Writes the requested formats; returns the files written. */
    public List<Path> writeAll(TimelineFile file, Path dir, String base, boolean csvFormat, boolean jsonFormat,
            Progress progress) throws IOException {
        Files.createDirectories(dir);
        long total = workUnits(file, csvFormat, jsonFormat);
        long[] done = {0};
        Progress shared = (d, t) -> progress.update(done[0] + d, total);
        List<Path> written = new ArrayList<>();
        if (csvFormat) {
            TimelineWriter.writeAtomically(samplesCsv(dir, base),
                    out -> writeSamplesCsv(file.samples(), file.meta(), out, shared));
            done[0] += file.samples().size();
            TimelineWriter.writeAtomically(eventsCsv(dir, base), out -> writeEventsCsv(file.events(), out, shared));
            done[0] += file.events().size();
            written.add(samplesCsv(dir, base));
            written.add(eventsCsv(dir, base));
        }
        if (jsonFormat) {
            TimelineWriter.writeAtomically(json(dir, base), out -> writeJson(file, out, shared));
            done[0] += file.samples().size() + file.events().size();
            written.add(json(dir, base));
        }
        progress.update(total, total);
        return written;
    }

    /**
     * One row per sample; unknown values, and every field the source does not report
     * ({@link TimelineFile.Meta#reports}), are empty cells; the last column names the source.
     */
    public void writeSamplesCsv(List<PeerSample> samples, TimelineFile.Meta meta, OutputStream out, Progress progress)
            throws IOException {
        writer.writeSamplesCsv(samples, samples.size(), meta.source(), meta::reports, out, progress);
    }

    public void writeEventsCsv(List<SessionEventRecord> events, OutputStream out, Progress progress)
            throws IOException {
        writer.writeEventsCsv(events.stream().map(TimelineExporter::row).toList(), events.size(), out, progress);
    }

    /** {@code {meta, samples, events}}, streamed one record at a time. */
    public void writeJson(TimelineFile file, OutputStream out, Progress progress) throws IOException {
        writer.writeJson(file.meta(), file.samples(), file.events(), file.samples().size() + file.events().size(),
                out, progress);
    }

    private static TimelineEvent row(SessionEventRecord e) {
        return new TimelineEvent(e.gameId(), e.playerId(), e.tMs(), e.kind(), e.detail());
    }
}
