package org.rollscope.netcode.timeline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Predicate;
import org.rollscope.netcode.health.PeerSample;

/**
 * Writes timelines in the formats of telemetry.md §4: samples as CSV ({@link TimelineColumns#SAMPLE_COLUMNS}),
 * events as CSV ({@link TimelineColumns#EVENT_COLUMNS}) and {@code {meta, samples, events}} as JSON. The one
 * implementation behind the console's export and {@code rollscope ctl export}. Streams row by row from any
 * {@link Iterable} (a list in memory, or pages fetched from the relay's archive) and reports progress.
 *
 * <p>Blocks on I/O; any thread but a UI thread. One instance may be shared.
 */
public final class TimelineWriter {

    /** Progress callback: rows done so far out of a total. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (d, t) -> { };
    }

    /** Writes a file's body to a stream it must not close. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** How often progress is reported, in rows. */
    static final int PROGRESS_EVERY = 1_000;

    private final CsvMapper csv = new CsvMapper();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * One row per sample, header {@link TimelineColumns#SAMPLE_COLUMNS}. Unknown values, and every field
     * {@code reported} says the source does not fill in, are empty cells; the last column is {@code source}.
     *
     * @param total rows expected, for progress only
     */
    public void writeSamplesCsv(Iterable<PeerSample> samples, long total, String source, Predicate<String> reported,
                                OutputStream out, Progress progress) throws IOException {
        CsvSchema schema = schema(TimelineColumns.SAMPLE_COLUMNS);
        try (Writer w = writer(out); SequenceWriter rows = csv.writer(schema).writeValues(w)) {
            long n = 0;
            for (PeerSample s : samples) {
                rows.write(TimelineColumns.sampleRow(s, source, reported));
                if (++n % PROGRESS_EVERY == 0) {
                    progress.update(n, total);
                }
            }
        }
    }

    /** One row per event, header {@link TimelineColumns#EVENT_COLUMNS}. */
    public void writeEventsCsv(Iterable<TimelineEvent> events, long total, OutputStream out, Progress progress)
            throws IOException {
        CsvSchema schema = schema(TimelineColumns.EVENT_COLUMNS);
        try (Writer w = writer(out); SequenceWriter rows = csv.writer(schema).writeValues(w)) {
            long n = 0;
            for (TimelineEvent e : events) {
                rows.write(TimelineColumns.eventRow(e));
                if (++n % PROGRESS_EVERY == 0) {
                    progress.update(n, total);
                }
            }
        }
    }

    /**
     * {@code {meta, samples, events}}, streamed one record at a time; {@code meta} and each event are written as
     * Jackson writes them (records with {@code @JsonProperty} names).
     *
     * @param total samples + events expected, for progress only
     */
    public void writeJson(Object meta, Iterable<PeerSample> samples, Iterable<?> events, long total,
                          OutputStream out, Progress progress) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeFieldName("meta");
            json.writeValue(g, meta);
            long n = 0;
            g.writeArrayFieldStart("samples");
            for (PeerSample s : samples) {
                json.writeValue(g, s);
                if (++n % PROGRESS_EVERY == 0) {
                    progress.update(n, total);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("events");
            for (Object e : events) {
                json.writeValue(g, e);
                if (++n % PROGRESS_EVERY == 0) {
                    progress.update(n, total);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /**
     * Writes {@code target} through a temporary {@code .part} file moved into place, so a failed or interrupted
     * export never leaves a half-written file under the final name.
     */
    public static void writeAtomically(Path target, Body body) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
            body.write(new NonClosing(out));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static CsvSchema schema(List<String> columns) {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true).setNullValue("");
        columns.forEach(b::addColumn);
        return b.build();
    }

    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    /** Jackson closes what it writes to; the caller's try-with-resources owns the file. */
    private static final class NonClosing extends FilterOutputStream {
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
