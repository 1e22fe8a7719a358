package org.rollscope.netcode.archive;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The two databases the archive runs on, and the few things they do differently. The schema itself is the same
 * portable SQL on both (TEXT, BIGINT, INTEGER, DOUBLE PRECISION; no autoincrement, no upsert), so that an export or
 * a pandas query does not care which one it reads.
 */
public enum Dialect {
    SQLITE,
    POSTGRESQL;

    /** The dialect of a JDBC URL. Throws IllegalArgumentException for anything else. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("archive URL must be jdbc:sqlite:FILE or jdbc:postgresql://..., got "
                + jdbcUrl);
    }

    /**
     * Per-connection settings. SQLite: write-ahead log (a crash, even kill -9, never corrupts the file and loses only
     * uncommitted transactions), synchronous=NORMAL (a commit reaches the OS, not the platter: safe against a process
     * crash, at most the last commits lost on power failure), and waiting rather than failing on a busy reader.
     */
    void configure(Connection connection) throws SQLException {
        if (this != SQLITE) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            // Only takes effect on a new, empty file, and only before the switch to WAL writes its header: then
            // retention's freed pages go back to the file system (PRAGMA incremental_vacuum); a no-op afterwards.
            s.execute("PRAGMA auto_vacuum = INCREMENTAL");
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
        }
    }

    /**
     * After retention deleted rows: give the space back (SQLite: free pages off the end of the file, then a
     * checkpoint so the shorter file reaches the disk); PostgreSQL's autovacuum does it on its own.
     */
    void reclaim(Connection connection) throws SQLException {
        if (this == SQLITE) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true); // a checkpoint cannot run inside a transaction
            try (Statement s = connection.createStatement()) {
                // The driver runs one step of this pragma per execute, and each step frees one page: repeat it
                // until the free list is empty (or stops shrinking).
                long free = single(s, "PRAGMA freelist_count");
                while (free > 0) {
                    s.execute("PRAGMA incremental_vacuum(" + free + ")");
                    long left = single(s, "PRAGMA freelist_count");
                    if (left >= free) {
                        break;
                    }
                    free = left;
                }
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** Bytes the archive's data occupies: used pages (SQLite), or the archive tables with indexes (PostgreSQL). */
    long sizeBytes(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (this == SQLITE) {
                long pages = single(s, "PRAGMA page_count");
                long free = single(s, "PRAGMA freelist_count");
                long pageSize = single(s, "PRAGMA page_size");
                return (pages - free) * pageSize;
            }
            return single(s, "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                    + "AND c.relkind = 'r' AND c.relname IN ('samples', 'events', 'sessions', 'relay_runs', "
                    + "'schema_version')");
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
