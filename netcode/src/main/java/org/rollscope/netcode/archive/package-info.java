/**
 * The relay's archive (docs/archive.md): every telemetry sample and session event kept in a database (SQLite in the
 * data dir by default, PostgreSQL by JDBC URL), written in batches off the relay's hot path, read back for history
 * and export. May import health, observer and timeline; never relay internals or JavaFX.
 */
package org.rollscope.netcode.archive;
