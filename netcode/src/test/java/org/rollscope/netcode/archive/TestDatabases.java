package org.rollscope.netcode.archive;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The archives the tests run against: a SQLite file in a temp dir, and a real PostgreSQL server. The server is the
 * one whose JDBC URL is in {@value #PG_URL_ENV} (or the system property {@value #PG_URL_PROPERTY}; {@code .ci/run}
 * starts one); without it, the first PostgreSQL test starts a throwaway cluster of Debian's server with
 * {@code .ci/pg-cluster} (which installs the package when it is missing) and stops it when the JVM exits. So plain
 * {@code mvn -B verify} runs the PostgreSQL cases too; where no cluster can be started they fail with the reason,
 * never skip.
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
        String base = serverUrl();
        String schema = "archive_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String givenOrStartedUrl;

    private static synchronized String serverUrl() {
        if (givenOrStartedUrl == null) {
            String given = System.getProperty(PG_URL_PROPERTY, System.getenv(PG_URL_ENV));
            givenOrStartedUrl = given != null && !given.isBlank() ? given : startThrowawayCluster();
        }
        return givenOrStartedUrl;
    }

    /** Runs {@code .ci/pg-cluster start} from the repository root and stops the cluster when the JVM exits. */
    private static String startThrowawayCluster() {
        try {
            Path script = repositoryRoot().resolve(".ci/pg-cluster");
            Path dir = Files.createTempDirectory("rollscope-test-pg");
            Process start = new ProcessBuilder("bash", script.toString(), "start", dir.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String url = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (start.waitFor() != 0 || !url.startsWith("jdbc:postgresql:")) {
                fail("no PostgreSQL server given in " + PG_URL_ENV + " and " + script + " could not start one"
                        + " (it needs root or the postgres user, and Debian's postgresql package)");
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder("bash", script.toString(), "stop", dir.toString()).inheritIO().start()
                            .waitFor();
                } catch (IOException | InterruptedException e) {
                    // the JVM is exiting; the cluster's directory is a temp dir either way
                }
            }, "pg-cluster-stop"));
            return url;
        } catch (IOException e) {
            return fail("could not start a throwaway PostgreSQL cluster: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while starting a throwaway PostgreSQL cluster");
        }
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(".ci/pg-cluster"))) {
                return p;
            }
        }
        return fail("no .ci/pg-cluster above " + Path.of("").toAbsolutePath());
    }

    /** The URL for {@code backend} ("sqlite" or "postgresql"). */
    public static String url(String backend, Path dir) throws SQLException {
        return "sqlite".equals(backend) ? sqlite(dir) : postgres();
    }
}
