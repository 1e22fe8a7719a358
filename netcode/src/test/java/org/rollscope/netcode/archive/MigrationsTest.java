package org.rollscope.netcode.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * An archive written with the first schema (version 1: samples and events only) is upgraded in place: its rows are
 * kept, every session gets its summary, and the relay then archives into it as into a new one. Both backends.
 */
class MigrationsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anArchiveOfTheFirstSchemaIsUpgradedWithItsRowsAndSummaries(String backend) throws Exception {
        String url = TestDatabases.url(backend, dir);
        long t0 = System.currentTimeMillis() - 3_600_000; // an hour ago: well inside the default retention
        ArchiveDatabase db = new ArchiveDatabase(url);
        try (Connection c = db.open()) {
            assertEquals(1, Migrations.migrate(c, db.dialect(), 1));
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement(Columns.INSERT_SAMPLE)) {
                for (long seq = 0; seq < 30; seq++) {
                    Columns.bind(p, Samples.of("old", seq % 2 == 0 ? "0" : "1", seq / 2, t0 + seq * 50));
                    p.addBatch();
                }
                p.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO events (game_id, player_id, t_ms, kind, detail) VALUES "
                        + "('old', NULL, " + (t0 - 1000) + ", 'created', '{\"game_seed\":7}'), "
                        + "('old', '0', " + (t0 + 100) + ", 'fallback', '{\"reason\":\"forced\"}'), "
                        + "('old', NULL, " + (t0 + 2000) + ", 'ended', '{\"reason\":\"all_left\"}')");
            }
            c.commit();
        }

        assertEquals(2, db.migrate());
        assertEquals(2, db.migrate(), "a second run has nothing to do");

        try (ArchiveReader reader = new ArchiveReader(db)) {
            ArchivedSession old = reader.session("old");
            assertEquals(List.of("0", "1"), old.players());
            assertEquals(30, old.samples());
            assertEquals(3, old.events());
            assertEquals(1, old.fallbacks());
            assertTrue(old.ended());
            assertEquals(t0 - 1000, old.firstTMs());
            assertEquals(t0 + 2000, old.lastTMs());
            List<PeerSample> samples = reader.samples("old", Long.MIN_VALUE, Long.MAX_VALUE, null, 100);
            assertEquals(30, samples.size());
            assertEquals(Samples.of("old", "0", 0, t0), samples.get(0), "a sample comes back equal");
            assertEquals(List.of("created", "fallback", "ended"),
                    reader.events("old", Long.MIN_VALUE, Long.MAX_VALUE, 10).stream().map(SessionEvent::kind)
                            .toList());
        }

        // The relay then archives into the upgraded archive like into a new one.
        try (SessionArchive archive = SessionArchive.open(url, ArchiveConfig.EMBEDDED, e -> { })) {
            archive.start("relay test");
            archive.onSample(Samples.of("new", "0", 1, t0 + 5000));
            archive.onEvent(new SessionEvent("new", "0", t0 + 5001, SessionEvent.KIND_JOINED, java.util.Map.of()));
            archive.close();
            assertEquals(1, archive.stats().samplesWritten());
            assertEquals(List.of("0"), archive.reader().session("new").players());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anArchiveFromANewerRelayIsRefusedNotDamaged(String backend) throws Exception {
        ArchiveDatabase db = new ArchiveDatabase(TestDatabases.url(backend, dir));
        db.migrate();
        try (Connection c = db.open(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, description, applied_t_ms) VALUES (99, 'future', 0)");
        }
        SQLException e = assertThrows(SQLException.class, db::migrate);
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }
}
