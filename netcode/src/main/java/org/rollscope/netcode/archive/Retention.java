package org.rollscope.netcode.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes whole sessions, so that what is left of a session is always all of it: first every session whose last
 * sample or event is older than the maximum age, then, while the archive is larger than its maximum size, the
 * session that was last active longest ago. Runs on the writer's thread, between batches.
 */
final class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Dialect dialect;
    private final long maxAgeMs;
    private final long maxBytes;

    Retention(Dialect dialect, long maxAgeMs, long maxBytes) {
        this.dialect = dialect;
        this.maxAgeMs = maxAgeMs;
        this.maxBytes = maxBytes;
    }

    /** Applies both limits; returns the sessions deleted. Commits each deletion. */
    List<String> apply(Connection c, long nowMs) throws SQLException {
        List<String> deleted = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT game_id FROM sessions WHERE last_t_ms < ?")) {
            p.setLong(1, nowMs - maxAgeMs);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    expired.add(rs.getString(1));
                }
            }
        }
        for (String gameId : expired) {
            delete(c, gameId);
            deleted.add(gameId);
        }
        if (maxBytes > 0) {
            long size = dialect.sizeBytes(c);
            while (size > maxBytes) {
                String oldest = oldest(c);
                if (oldest == null) {
                    break;
                }
                delete(c, oldest);
                deleted.add(oldest);
                long after = dialect.sizeBytes(c);
                if (after >= size && dialect == Dialect.POSTGRESQL) {
                    break; // PostgreSQL frees space on vacuum, not at once: the next run sees it
                }
                size = after;
            }
        }
        if (!deleted.isEmpty()) {
            c.commit();
            dialect.reclaim(c);
            LOG.info("archive retention deleted {} session(s): {}", deleted.size(),
                    deleted.size() > 5 ? deleted.subList(0, 5) + " ..." : deleted);
        }
        return deleted;
    }

    private static String oldest(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT game_id FROM sessions ORDER BY last_t_ms, game_id LIMIT 1");
             ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void delete(Connection c, String gameId) throws SQLException {
        for (String table : new String[] {"samples", "events", "sessions"}) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE game_id = ?")) {
                p.setString(1, gameId);
                p.executeUpdate();
            }
        }
        c.commit();
    }
}
