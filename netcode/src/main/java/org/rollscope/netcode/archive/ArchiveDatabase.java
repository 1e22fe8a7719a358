package org.rollscope.netcode.archive;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Opens connections to one archive (a JDBC URL) with its dialect's settings. Thread-safe; each connection belongs
 * to one thread (the writer, the reader).
 */
public final class ArchiveDatabase {
    private final String url;
    private final Dialect dialect;

    public ArchiveDatabase(String url) {
        this.url = url;
        this.dialect = Dialect.of(url);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL, password hidden. */
    public String describe() {
        return ArchiveConfig.redact(url);
    }

    /** A new connection, configured (SQLite: WAL, synchronous=NORMAL, busy timeout). Blocks on the network. */
    public Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try {
            dialect.configure(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Opens the archive, brings its schema up to date and returns the version. */
    public int migrate() throws SQLException {
        try (Connection c = open()) {
            return Migrations.migrate(c, dialect);
        }
    }
}
