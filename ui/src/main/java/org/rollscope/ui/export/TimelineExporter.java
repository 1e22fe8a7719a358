package org.rollscope.ui.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.source.SessionEventRecord;

/**
 * Writes a {@link TimelineFile} as CSV (samples, and events in a second file) and as JSON {@code {meta, samples,
 * events}} (telemetry.md §4). Streams row by row and reports progress, so a large export neither doubles the heap nor
 * looks frozen. Files are written to a temporary name and moved into place, so a failed export never leaves a
 * half-written file under the final name.
 *
 * <p>Any thread except the FX thread (it blocks on disk); one instance may be shared.
 */
public final class TimelineExporter {

    /** Progress callback: units done so far out of a total (rows). */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (d, t) -> { };
    }

    private static final int PROGRESS_EVERY = 1_000;

    private final CsvMapper csv = new CsvMapper();
    private final ObjectMapper json = new ObjectMapper();

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
        java.util.ArrayList<Path> written = new java.util.ArrayList<>();
        if (csvFormat) {
            writeAtomically(samplesCsv(dir, base), out -> writeSamplesCsv(file.samples(), file.meta(), out, shared));
            done[0] += file.samples().size();
            writeAtomically(eventsCsv(dir, base), out -> writeEventsCsv(file.events(), out, shared));
            done[0] += file.events().size();
            written.add(samplesCsv(dir, base));
            written.add(eventsCsv(dir, base));
        }
        if (jsonFormat) {
            writeAtomically(json(dir, base), out -> writeJson(file, out, shared));
            done[0] += file.samples().size() + file.events().size();
            written.add(json(dir, base));
        }
        progress.update(total, total);
        return written;
    }

    /**
     * One row per sample, header = {@link TimelineColumns#SAMPLE_COLUMNS}; unknown values, and every field the
     * source does not report ({@link TimelineFile.Meta#reports}), are empty cells; the last column names the source.
     */
    public void writeSamplesCsv(List<PeerSample> samples, TimelineFile.Meta meta, OutputStream out, Progress progress)
            throws IOException {
        CsvSchema schema = schema(TimelineColumns.SAMPLE_COLUMNS);
        try (Writer w = writer(out); SequenceWriter rows = csv.writer(schema).writeValues(w)) {
            long n = 0;
            for (PeerSample s : samples) {
                rows.write(TimelineColumns.sampleRow(s, meta.source(), meta::reports));
                if (++n % PROGRESS_EVERY == 0) progress.update(n, samples.size());
            }
        }
    }

    public void writeEventsCsv(List<SessionEventRecord> events, OutputStream out, Progress progress) throws IOException {
        CsvSchema schema = schema(TimelineColumns.EVENT_COLUMNS);
        try (Writer w = writer(out); SequenceWriter rows = csv.writer(schema).writeValues(w)) {
            long n = 0;
            for (SessionEventRecord e : events) {
                rows.write(TimelineColumns.eventRow(e));
                if (++n % PROGRESS_EVERY == 0) progress.update(n, events.size());
            }
        }
    }

    /** {@code {meta, samples, events}}, streamed one record at a time. */
    public void writeJson(TimelineFile file, OutputStream out, Progress progress) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeFieldName("meta");
            json.writeValue(g, file.meta());
            long n = 0;
            g.writeArrayFieldStart("samples");
            for (PeerSample s : file.samples()) {
                json.writeValue(g, s);
                if (++n % PROGRESS_EVERY == 0) progress.update(n, file.samples().size() + file.events().size());
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            for (SessionEventRecord e : file.events()) {
                json.writeValue(g, e);
                if (++n % PROGRESS_EVERY == 0) progress.update(n, file.samples().size() + file.events().size());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static CsvSchema schema(List<String> columns) {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true).setNullValue("");
        columns.forEach(b::addColumn);
        return b.build();
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Body body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
            body.write(new NonClosing(out));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Jackson closes what it writes to; the outer try-with-resources owns the file. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
