package org.rollscope.netcode.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Version 2: a summary row per session (what {@code ctl history} lists without scanning every sample), the relay's
 * runs (so a restart can tell whether the previous run stopped cleanly) and an event number (events of one
 * millisecond keep their order). An archive of the first schema gets its summaries computed from its rows.
 * Released; never edit.
 */
final class V2SessionsAndRuns implements Migration {
    @Override
    public int version() {
        return 2;
    }

    @Override
    public String description() {
        return "session summaries, relay runs, event numbers";
    }

    @Override
    public void apply(Connection connection, Dialect dialect) throws SQLException {
        Migrations.execute(connection,
                "CREATE TABLE sessions (game_id TEXT PRIMARY KEY, source TEXT, first_t_ms BIGINT NOT NULL, "
                        + "last_t_ms BIGINT NOT NULL, players TEXT NOT NULL, samples BIGINT NOT NULL, "
                        + "events BIGINT NOT NULL, fallbacks BIGINT NOT NULL, desyncs BIGINT NOT NULL, "
                        + "max_rtt_ms DOUBLE PRECISION, max_gap_rate DOUBLE PRECISION, max_buffered_amount BIGINT, "
                        + "ended INTEGER NOT NULL)",
                "CREATE INDEX sessions_by_last ON sessions (last_t_ms)",
                "CREATE TABLE relay_runs (started_t_ms BIGINT PRIMARY KEY, stopped_t_ms BIGINT, source TEXT)",
                "ALTER TABLE events ADD COLUMN event_no BIGINT",
                "UPDATE events SET event_no = 0");
        backfill(connection);
    }

    /** One summary per session already in the archive, from its samples and events. */
    private static void backfill(Connection connection) throws SQLException {
        Map<String, SessionSummaryRow> rows = new LinkedHashMap<>();
        Map<String, TreeSet<String>> players = new LinkedHashMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT game_id, MIN(t_ms), MAX(t_ms), COUNT(*), MAX(rtt_ms), "
                    + "MAX(gap_rate), MAX(buffered_amount) FROM samples GROUP BY game_id")) {
                while (rs.next()) {
                    SessionSummaryRow row = rows.computeIfAbsent(rs.getString(1), SessionSummaryRow::new);
                    row.widen(rs.getLong(2));
                    row.widen(rs.getLong(3));
                    row.samples = rs.getLong(4);
                    row.maxRttMs = Columns.getDouble(rs, 5);
                    row.maxGapRate = Columns.getDouble(rs, 6);
                    row.maxBufferedAmount = Columns.getLong(rs, 7);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT game_id, player_id FROM samples")) {
                while (rs.next()) {
                    players.computeIfAbsent(rs.getString(1), g -> new TreeSet<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT game_id, kind, COUNT(*), MIN(t_ms), MAX(t_ms) FROM events "
                    + "GROUP BY game_id, kind")) {
                while (rs.next()) {
                    SessionSummaryRow row = rows.computeIfAbsent(rs.getString(1), SessionSummaryRow::new);
                    row.countEvent(rs.getString(2), rs.getLong(3));
                    row.widen(rs.getLong(4));
                    row.widen(rs.getLong(5));
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(SessionSummaryRow.INSERT)) {
            for (SessionSummaryRow row : rows.values()) {
                players.getOrDefault(row.gameId, new TreeSet<>()).forEach(row::addPlayer);
                row.bindInsert(insert);
                insert.executeUpdate();
            }
        }
    }
}
