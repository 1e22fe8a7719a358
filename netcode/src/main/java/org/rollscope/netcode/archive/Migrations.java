package org.rollscope.netcode.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an archive to the newest schema: a small runner of our own rather than Flyway (docs/archive.md says why).
 * Each {@link Migration} runs in one transaction together with its {@code schema_version} row, so a crash mid-way
 * leaves the archive at the previous version and the next start runs the step again.
 *
 * <p>Called once, by whoever opens the archive for writing, before anything else touches it.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Every step, oldest first. */
    static final List<Migration> ALL = List.of(new V1FirstSchema(), new V2SessionsAndRuns());

    private Migrations() {
    }

    /** The newest schema version this code knows. */
    public static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /** Applies every step newer than the archive's version; returns the version it ends at. */
    public static int migrate(Connection connection, Dialect dialect) throws SQLException {
        return migrate(connection, dialect, latest());
    }

    /**
     * Applies the steps up to {@code target} (tests build an archive of the first schema with target 1).
     *
     * @throws SQLException when a step fails (that step is rolled back) or the archive is newer than this code
     */
    static int migrate(Connection connection, Dialect dialect, int target) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        int current;
        try (Statement s = connection.createStatement()) {
            if (!tableExists(connection, "schema_version")) {
                s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                        + "applied_t_ms BIGINT NOT NULL)");
            }
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
        }
        if (current > latest()) {
            throw new SQLException("the archive has schema version " + current + ", newer than this relay knows ("
                    + latest() + "); use a newer Rollscope");
        }
        connection.setAutoCommit(false);
        try {
            for (Migration step : ALL) {
                if (step.version() <= current || step.version() > target) {
                    continue;
                }
                try {
                    step.apply(connection, dialect);
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO schema_version (version, description, applied_t_ms) VALUES (?, ?, ?)")) {
                        insert.setInt(1, step.version());
                        insert.setString(2, step.description());
                        insert.setLong(3, System.currentTimeMillis());
                        insert.executeUpdate();
                    }
                    connection.commit();
                    current = step.version();
                    LOG.info("archive schema now at version {} ({})", current, step.description());
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return current;
    }

    /** In the connection's own schema only: other archives may share a PostgreSQL database. */
    static boolean tableExists(Connection connection, String table) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), table,
                new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    static void execute(Connection connection, String... statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
