package org.rollscope.netcode.archive;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the relay archives (docs/archive.md). Immutable.
 *
 * @param enabled whether to archive at all
 * @param jdbcUrl a {@code jdbc:postgresql://...} (or {@code jdbc:sqlite:FILE}) URL, or null for the embedded default,
 *     {@value #FILE_NAME} in the relay's data dir
 * @param maxAge sessions whose last sample or event is older than this are deleted
 * @param maxBytes when the archive's data exceeds this, the sessions that ended longest ago are deleted until it
 *     does not; 0 = no size limit
 * @param bufferCapacity samples and events waiting for the database at most; beyond it new ones are dropped, counted
 *     and reported as {@code archive_dropped} events
 * @param commitInterval how often the writer commits what arrived: the most a crash (kill -9) can lose
 * @param retentionInterval how often retention runs (also once at start)
 */
public record ArchiveConfig(boolean enabled, String jdbcUrl, Duration maxAge, long maxBytes, int bufferCapacity,
                            Duration commitInterval, Duration retentionInterval) {

    /** The embedded archive's file in the data dir (SQLite adds {@code -wal} and {@code -shm} while open). */
    public static final String FILE_NAME = "archive.db";
    /** A month: long enough to look back at a study's pilot week, short enough that nobody needs to think of it. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);
    /**
     * 50 GB: a busy relay (100 sessions at 10 Hz, 24 h) writes about 40 GB a day to SQLite (16.7 MB per
     * session-hour, measured: docs/archive.md), so this holds such a day whole, and months of a normal lab's load.
     */
    public static final long DEFAULT_MAX_BYTES = 50L * 1000 * 1000 * 1000;
    /** 60 s of a busy relay's 2,000 samples/s (~30 MB of heap): rides out a database restart. */
    public static final int DEFAULT_BUFFER_CAPACITY = 120_000;
    /** A quarter second: a crash loses at most this much plus the batch being written (well under one second). */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofMinutes(10);

    /** Not archiving. */
    public static final ArchiveConfig OFF = new ArchiveConfig(false, null, DEFAULT_MAX_AGE, DEFAULT_MAX_BYTES,
            DEFAULT_BUFFER_CAPACITY, DEFAULT_COMMIT_INTERVAL, DEFAULT_RETENTION_INTERVAL);
    /** The embedded archive with the defaults. */
    public static final ArchiveConfig EMBEDDED = OFF.withEnabled(true);

    public ArchiveConfig {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(retentionInterval, "retentionInterval");
        if (jdbcUrl != null) {
            Dialect.of(jdbcUrl); // throws naming the URL
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("archive max age must be > 0, got " + maxAge);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("archive max bytes must be >= 0 (0: no limit), got " + maxBytes);
        }
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("archive buffer must be >= 1, got " + bufferCapacity);
        }
        if (commitInterval.toMillis() < 1 || commitInterval.toMillis() > 1000) {
            throw new IllegalArgumentException("archive commit interval must be in [1 ms, 1 s] (a crash loses at "
                    + "most one interval), got " + commitInterval);
        }
        if (retentionInterval.toMillis() < 1) {
            throw new IllegalArgumentException("archive retention interval must be > 0, got " + retentionInterval);
        }
    }

    public ArchiveConfig withEnabled(boolean value) {
        return new ArchiveConfig(value, jdbcUrl, maxAge, maxBytes, bufferCapacity, commitInterval, retentionInterval);
    }

    public ArchiveConfig withJdbcUrl(String value) {
        return new ArchiveConfig(enabled, value, maxAge, maxBytes, bufferCapacity, commitInterval, retentionInterval);
    }

    public ArchiveConfig withRetention(Duration age, long bytes) {
        return new ArchiveConfig(enabled, jdbcUrl, age, bytes, bufferCapacity, commitInterval, retentionInterval);
    }

    public ArchiveConfig withBuffer(int capacity, Duration commit, Duration retention) {
        return new ArchiveConfig(enabled, jdbcUrl, maxAge, maxBytes, capacity, commit, retention);
    }

    /** The URL to open: the configured one, or the embedded file in {@code dataDir}. */
    public String resolveUrl(Path dataDir) {
        return jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath();
    }

    /** The URL without a password, for logs and messages. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
