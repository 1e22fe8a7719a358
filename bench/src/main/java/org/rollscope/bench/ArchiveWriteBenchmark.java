package org.rollscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.archive.ArchiveDatabase;
import org.rollscope.netcode.archive.SessionArchive;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The archive's write throughput and its size per session-hour (docs/archive.md). Not JMH: one run through the real
 * writer (queue, batches, commits every 250 ms) of {@code N} session-hours of realistic samples (two seats at 10 Hz,
 * figures that change like a live session's), then prints rows per second and bytes per session-hour.
 *
 * <pre>java -cp "bench/target/rollscope-bench.jar:bench/target/lib/*" org.rollscope.bench.ArchiveWriteBenchmark
 *     [SESSION_HOURS] [JDBC_URL]       (default 2, SQLite in a temp dir)</pre>
 */
public final class ArchiveWriteBenchmark {
    private ArchiveWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        Path dir = Files.createTempDirectory("archive-bench-");
        String url = args.length > 1 ? args[1] : "jdbc:sqlite:" + dir.resolve("archive.db");
        int perSession = (int) (2 * 10 * 3600 * Math.min(hours, 1));
        int sessions = (int) Math.ceil(hours / Math.min(hours, 1));
        long rows = (long) perSession * sessions;
        ArchiveConfig config = ArchiveConfig.EMBEDDED.withJdbcUrl(url)
                .withBuffer(1_000_000, ArchiveConfig.DEFAULT_COMMIT_INTERVAL, ArchiveConfig.DEFAULT_RETENTION_INTERVAL);
        long t0 = System.currentTimeMillis() - 3_600_000L;
        try (SessionArchive archive = SessionArchive.open(url, config, e -> { })) {
            archive.start("relay bench");
            long start = System.nanoTime();
            for (int s = 0; s < sessions; s++) {
                String game = "bench-" + Long.toHexString(t0) + "-" + s;
                for (int i = 0; i < perSession; i++) {
                    // Paced like a relay that has a backlog: offer as fast as the writer takes them.
                    while (archive.stats().queued() > 200_000) {
                        Thread.sleep(5);
                    }
                    archive.onSample(sample(game, i % 2 == 0 ? "0" : "1", i / 2, t0 + i * 50L));
                }
            }
            while (archive.stats().samplesWritten() < rows) {
                Thread.sleep(10);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes;
            try (Connection c = new ArchiveDatabase(url).open()) {
                bytes = sizeBytes(c, url);
            }
            System.out.printf("archive %s: %d samples (%.1f session-hours) in %.1f s = %.0f samples/s "
                            + "(a busy relay needs 2,000/s); %.1f MB = %.1f MB per session-hour, %.0f bytes per sample%n",
                    url.startsWith("jdbc:sqlite") ? "SQLite" : "PostgreSQL", rows, rows / 72_000.0, seconds,
                    rows / seconds, bytes / 1e6, bytes / 1e6 / (rows / 72_000.0), (double) bytes / rows);
        }
    }

    private static long sizeBytes(Connection c, String url) throws Exception {
        try (var s = c.createStatement()) {
            if (url.startsWith("jdbc:sqlite")) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                var rs = s.executeQuery("PRAGMA page_count");
                rs.next();
                long pages = rs.getLong(1);
                rs = s.executeQuery("PRAGMA page_size");
                rs.next();
                return pages * rs.getLong(1);
            }
            var rs = s.executeQuery("SELECT pg_total_relation_size('samples') + pg_total_relation_size('events') "
                    + "+ pg_total_relation_size('sessions')");
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A running peer's sample: counters that grow, figures that wander, a link set now and then. */
    static PeerSample sample(String game, String seat, long seq, long tMs) {
        int frame = (int) (seq * 6);
        return new PeerSample(game, seat, seq, tMs, PeerSample.STATE_RUNNING, (int) (seq / 3600), frame, frame - 3,
                frame - 5, frame - 2, (seq % 7) * 0.5 - 1.5, seq / 4, seq / 2 * 3, (int) (seq % 5), 8,
                (int) (seq % 11), seq / 600, 18.0 + (seq * 7919 % 400) / 10.0, 31.0 + (seq * 104729 % 300) / 10.0,
                (seq * 31 % 50) / 1000.0, (seq * 13 % 40) * 64L, PeerSample.TRANSPORT_P2P, "ok", frame, seq / 100,
                frame - 2, seq / 100, 0, null, 59.0 + (seq % 20) / 10.0, 0.05 + (seq % 17) / 100.0,
                seq % 600 < 300 ? null : new LinkProfile(40, 15, 0.02, 0, 0, 0));
    }
}
