package org.rollscope.netcode.archive;

import java.io.IOException;

/** One archived session's timeline, page by page: from the relay ({@link RemoteArchive}) or a database at hand. */
@FunctionalInterface
public interface TimelinePages {
    /** The page after {@code after} (null: the first page, which carries the events and the total). Blocks. */
    ArchiveTimelinePage page(SampleCursor after) throws IOException;

    /** Pages read straight from an archive (tests, tools on the relay's machine). */
    static TimelinePages local(ArchiveReader reader, String gameId, long sinceTMs, long untilTMs, int pageSize) {
        return after -> {
            try {
                ArchivedSession session = reader.session(gameId);
                if (session == null) {
                    throw new IOException("the archive holds no game " + gameId);
                }
                var samples = reader.samples(gameId, sinceTMs, untilTMs, after, pageSize);
                boolean first = after == null;
                return new ArchiveTimelinePage(session, samples,
                        first ? reader.events(gameId, sinceTMs, untilTMs, Integer.MAX_VALUE) : java.util.List.of(),
                        samples.size() < pageSize ? null : SampleCursor.after(samples.get(samples.size() - 1)),
                        first ? reader.countSamples(gameId, sinceTMs, untilTMs) : -1);
            } catch (java.sql.SQLException e) {
                throw new IOException("reading the archive failed: " + e.getMessage(), e);
            }
        };
    }
}
