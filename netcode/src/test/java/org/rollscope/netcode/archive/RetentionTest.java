package org.rollscope.netcode.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.testing.Await;

/**
 * Retention deletes whole sessions: those last active before the maximum age, then the least recently active while
 * the archive is over its maximum size; SQLite gives the freed pages back to the file system.
 */
class RetentionTest {
    static final long DAY = 86_400_000L;

    @TempDir
    Path dir;

    @Test
    void theWriterDeletesSessionsOlderThanTheMaximumAgeWhole() throws Exception {
        long now = System.currentTimeMillis();
        String url = TestDatabases.sqlite(dir);
        ArchiveConfig config = ArchiveConfig.EMBEDDED.withRetention(Duration.ofDays(30), 0)
                .withBuffer(10_000, Duration.ofMillis(50), Duration.ofMillis(100));
        try (SessionArchive archive = SessionArchive.open(url, config, e -> { })) {
            archive.start("relay test");
            write(archive, "ancient", now - 40 * DAY, 200);
            write(archive, "recent", now - 2 * DAY, 200);
            write(archive, "today", now - 1000, 200);
            Await.until(Duration.ofSeconds(20), "the rows written and the ancient session gone",
                    () -> archive.stats().samplesWritten() == 600 && sessions(archive).equals(List.of("today",
                            "recent")) && count(archive, "ancient") == 0,
                    () -> archive.stats() + " " + sessions(archive));
            assertEquals(0, archive.reader().events("ancient", Long.MIN_VALUE, Long.MAX_VALUE, 10).size());
            assertEquals(200, archive.reader().countSamples("recent", Long.MIN_VALUE, Long.MAX_VALUE));
        }
    }

    private static long count(SessionArchive archive, String gameId) {
        try {
            return archive.reader().countSamples(gameId, Long.MIN_VALUE, Long.MAX_VALUE);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static List<String> sessions(SessionArchive archive) {
        try {
            return ids(archive.reader().sessions(Long.MIN_VALUE, null, 10));
        } catch (java.sql.SQLException e) {
            return List.of(e.toString());
        }
    }

    @Test
    void overTheMaximumSizeTheLeastRecentlyActiveSessionsGoAndTheFileShrinks() throws Exception {
        long now = System.currentTimeMillis();
        String url = TestDatabases.sqlite(dir);
        try (SessionArchive archive = SessionArchive.open(url, ArchiveConfig.EMBEDDED, e -> { })) {
            archive.start("relay test");
            for (int i = 0; i < 4; i++) {
                write(archive, "s" + i, now - (10 - i) * 60_000L, 5_000);
            }
            Await.until(Duration.ofSeconds(60), "the rows to be written",
                    () -> archive.stats().samplesWritten() == 20_000, archive::stats);
        }
        ArchiveDatabase db = new ArchiveDatabase(url);
        long before;
        try (Connection c = db.open()) {
            before = Dialect.SQLITE.sizeBytes(c);
        }
        long fileBefore = Files.size(dir.resolve("archive-test.db"));
        long limit = before / 2 + before / 10; // room for two sessions of four, not three
        List<String> deleted = apply(url, new Retention(Dialect.SQLITE, 365 * DAY, limit), now);
        assertEquals(List.of("s0", "s1"), deleted, "the least recently active first");
        try (Connection c = db.open(); ArchiveReader reader = new ArchiveReader(db)) {
            assertTrue(Dialect.SQLITE.sizeBytes(c) <= limit, "under the limit");
            assertEquals(List.of("s3", "s2"), ids(reader.sessions(Long.MIN_VALUE, null, 10)));
        }
        assertTrue(Files.size(dir.resolve("archive-test.db")) < fileBefore * 3 / 4,
                "the file shrank: " + fileBefore + " -> " + Files.size(dir.resolve("archive-test.db")));
    }

    private static void write(SessionArchive archive, String gameId, long fromTMs, int samples) {
        for (int i = 0; i < samples; i++) {
            archive.onSample(Samples.of(gameId, i % 2 == 0 ? "0" : "1", i / 2, fromTMs + i * 50L));
        }
    }

    private static List<String> apply(String url, Retention retention, long now) throws Exception {
        try (Connection c = new ArchiveDatabase(url).open()) {
            c.setAutoCommit(false);
            return retention.apply(c, now);
        }
    }

    private static List<String> ids(List<ArchivedSession> sessions) {
        return sessions.stream().map(ArchivedSession::gameId).toList();
    }
}
