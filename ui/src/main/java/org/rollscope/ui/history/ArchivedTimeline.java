package org.rollscope.ui.history;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.rollscope.netcode.archive.ArchiveTimelinePage;
import org.rollscope.netcode.archive.ArchivedSession;
import org.rollscope.netcode.archive.TimelinePages;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.timeline.TimelineColumns;
import org.rollscope.ui.connect.ObserverMapping;
import org.rollscope.ui.export.TimelineFile;
import org.rollscope.ui.source.SessionInfo;

/**
 * Reads one archived session, page by page, into the {@link TimelineFile} a {@code ReplaySource} plays: the same
 * shape "Open timeline..." reads from a JSON export, so a past session opens in the usual views. Keeps at most
 * {@code maxSamples} (the console's own cap on what it holds), the earliest first, and says how many it left out.
 *
 * <p>Blocks: any thread but the FX thread.
 */
final class ArchivedTimeline {

    /** The file to replay, and how many samples the archive holds beyond the cap. */
    record Loaded(TimelineFile file, long leftOut) {
    }

    private ArchivedTimeline() {
    }

    static Loaded read(TimelinePages pages, int maxSamples, long nowMs) throws IOException {
        ArchiveTimelinePage page = pages.page(null);
        ArchivedSession session = page.session();
        List<SessionEvent> archivedEvents = page.events();
        long total = Math.max(page.totalSamples(), 0);
        List<PeerSample> samples = new ArrayList<>((int) Math.min(total, maxSamples));
        while (true) {
            for (PeerSample s : page.samples()) {
                if (samples.size() == maxSamples) {
                    break;
                }
                samples.add(s);
            }
            if (page.next() == null || samples.size() == maxSamples) {
                break;
            }
            page = pages.page(page.next());
        }
        long droppedSamples = 0;
        long droppedEvents = 0;
        for (SessionEvent e : archivedEvents) {
            if (SessionEvent.KIND_ARCHIVE_DROPPED.equals(e.kind())) {
                droppedSamples += number(e.detail().get("samples"));
                droppedEvents += number(e.detail().get("events"));
            }
        }
        SessionInfo info = new SessionInfo(session.gameId(), session.players(), session.ended() ? "ended" : "running",
                session.ended(), session.firstTMs(), null, null);
        TimelineFile.Meta meta = new TimelineFile.Meta(TimelineFile.FORMAT, TimelineFile.VERSION, session.source(),
                nowMs, List.of(info), session.firstTMs(), session.lastTMs(), droppedSamples, droppedEvents,
                TimelineColumns.SAMPLE_COLUMNS, List.of("*"));
        TimelineFile file = new TimelineFile(meta, samples,
                archivedEvents.stream().map(ObserverMapping::event).toList());
        return new Loaded(file, Math.max(0, total - samples.size()));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
