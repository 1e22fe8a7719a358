package org.rollscope.netcode.archive;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One step of the archive's schema. Steps are applied in version order, each in its own transaction, and recorded in
 * {@code schema_version}; a step is never edited once released (a change is a new step), so an archive written by
 * any earlier relay upgrades by running the steps it lacks.
 */
interface Migration {
    /** 1, 2, ...: consecutive. */
    int version();

    /** One line for {@code schema_version.description} and the log. */
    String description();

    /** Runs inside a transaction the runner commits. */
    void apply(Connection connection, Dialect dialect) throws SQLException;
}
