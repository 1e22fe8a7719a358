package org.rollscope.netcode.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.timeline.TimelineColumns;
import org.rollscope.netcode.timeline.TimelineEvent;
import org.rollscope.netcode.timeline.TimelineMeta;
import org.rollscope.netcode.timeline.TimelineWriter;

/**
 * Exports one archived session as the console does (telemetry.md §4), through the same {@link TimelineWriter}: CSV
 * (samples, and events in a second file) or JSON {@code {meta, samples, events}}. Samples stream page by page, so
 * a day-long session never sits in memory whole. Blocks; any thread but a UI thread.
 */
public final class ArchiveExport {

    /** What to write. */
    public enum Format {
        /** {@code OUT} holds the samples, {@link #eventsCsv(Path)} the events. */
        CSV,
        /** {@code OUT} holds {@code {meta, samples, events}}. */
        JSON
    }

    private final TimelineWriter writer = new TimelineWriter();

    /**
     * The events CSV that goes with samples CSV {@code out}: {@code x-samples.csv} → {@code x-events.csv} (the
     * console's names), otherwise {@code x.csv} → {@code x-events.csv}.
     */
    public static Path eventsCsv(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith("-samples.csv") ? name.substring(0, name.length() - "-samples.csv".length())
                : name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + "-events.csv");
    }

    /**
     * Writes the session {@code pages} serves to {@code out} (and, for CSV, its events beside it), each file
     * atomically. Progress counts rows: samples, then events.
     *
     * @return the files written
     * @throws IOException when a page cannot be read (nothing is left under the final names) or a file not written
     */
    public List<Path> write(TimelinePages pages, Format format, Path out, long nowMs,
                            TimelineWriter.Progress progress) throws IOException {
        ArchiveTimelinePage first = pages.page(null);
        ArchivedSession session = first.session();
        List<TimelineEvent> events = first.events().stream().map(TimelineEvent::of).toList();
        long total = Math.max(0, first.totalSamples()) + events.size();
        Iterable<PeerSample> samples = () -> new PageIterator(pages, first);
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        List<Path> written = new ArrayList<>();
        try {
            if (format == Format.CSV) {
                TimelineWriter.writeAtomically(out, o -> writer.writeSamplesCsv(samples, total, session.source(),
                        field -> true, o, progress));
                Path eventsOut = eventsCsv(out);
                long done = Math.max(0, first.totalSamples());
                TimelineWriter.writeAtomically(eventsOut, o -> writer.writeEventsCsv(events, events.size(), o,
                        (d, t) -> progress.update(done + d, total)));
                written.add(out);
                written.add(eventsOut);
            } else {
                TimelineMeta meta = meta(session, first.events(), nowMs);
                TimelineWriter.writeAtomically(out, o -> writer.writeJson(meta, samples, events, total, o, progress));
                written.add(out);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        progress.update(total, total);
        return written;
    }

    /** The JSON meta: the session, its time span, and what the archive itself said it lost. */
    static TimelineMeta meta(ArchivedSession s, List<SessionEvent> events, long nowMs) {
        long droppedSamples = 0;
        long droppedEvents = 0;
        for (SessionEvent e : events) {
            if (SessionEvent.KIND_ARCHIVE_DROPPED.equals(e.kind())) {
                droppedSamples += number(e.detail().get("samples"));
                droppedEvents += number(e.detail().get("events"));
            }
        }
        String state = s.ended() ? "ended" : "running";
        return new TimelineMeta(TimelineMeta.FORMAT, TimelineMeta.VERSION, s.source(), nowMs,
                List.of(new TimelineMeta.Session(s.gameId(), s.players(), state, s.ended(), s.firstTMs())),
                s.firstTMs(), s.lastTMs(), droppedSamples, droppedEvents, TimelineColumns.SAMPLE_COLUMNS,
                List.of("*"));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** Samples across pages, fetching the next page when one is used up. */
    private static final class PageIterator implements Iterator<PeerSample> {
        private final TimelinePages pages;
        private ArchiveTimelinePage page;
        private int index;

        PageIterator(TimelinePages pages, ArchiveTimelinePage first) {
            this.pages = pages;
            this.page = first;
        }

        @Override
        public boolean hasNext() {
            while (index >= page.samples().size()) {
                if (page.next() == null) {
                    return false;
                }
                try {
                    page = pages.page(page.next());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                index = 0;
            }
            return true;
        }

        @Override
        public PeerSample next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.samples().get(index++);
        }
    }
}
