package org.rollscope.netcode.archive;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The archives the tests run against: a SQLite file in a temp dir, and a real PostgreSQL server whose JDBC URL
 * {@code .ci/run} passes in {@value #PG_URL_ENV} (or the system property {@value #PG_URL_PROPERTY}) after starting
 * a throwaway cluster. Under CI ({@code CI=true}) a missing URL fails the test; on a workstation without a server
 * the PostgreSQL cases are not run (start one: docs/archive.md, "PostgreSQL").
 */
public final class TestDatabases {
    public static final String PG_URL_ENV = "ROLLSCOPE_TEST_PG_URL";
    public static final String PG_URL_PROPERTY = "rollscope.test.pgUrl";

    private TestDatabases() {
    }

    public static String sqlite(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("archive-test.db").toAbsolutePath();
    }

    /**
     * A fresh, empty schema on the test PostgreSQL server ({@code archive_<random>}), as a URL that uses it.
     * Fails under CI when no server was given.
     */
    public static String postgres() throws SQLException {
        String base = System.getProperty(PG_URL_PROPERTY, System.getenv(PG_URL_ENV));
        if (base == null || base.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true but no PostgreSQL URL in " + PG_URL_ENV + ": .ci/run must start the test cluster");
            }
            Assumptions.assumeTrue(false, "no PostgreSQL server given (" + PG_URL_ENV + ")");
        }
        String schema = "archive_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The URL for {@code backend} ("sqlite" or "postgresql"). */
    public static String url(String backend, Path dir) throws SQLException {
        return "sqlite".equals(backend) ? sqlite(dir) : postgres();
    }
}
