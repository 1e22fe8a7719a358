package org.rollscope.netcode.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * Reads an archive back: the session list, and one session's samples (in pages) and events, in export order
 * (time, seat, sequence number; events by time then arrival). Uses its own connection, so reading never holds up
 * the writer (SQLite's write-ahead log lets readers and the writer run at once).
 *
 * <p>Thread-safe (one query at a time); every method blocks on the database.
 */
public final class ArchiveReader implements AutoCloseable {
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };

    private final ArchiveDatabase database;
    private Connection connection;

    public ArchiveReader(ArchiveDatabase database) {
        this.database = database;
    }

    /**
     * Sessions active at or after {@code sinceTMs}, newest first.
     *
     * @param gameId only this session, or null for all
     * @param limit at most this many
     */
    public synchronized List<ArchivedSession> sessions(long sinceTMs, String gameId, int limit) throws SQLException {
        String sql = "SELECT " + SessionSummaryRow.COLUMNS + " FROM sessions WHERE last_t_ms >= ?"
                + (gameId != null ? " AND game_id = ?" : "") + " ORDER BY first_t_ms DESC, game_id LIMIT ?";
        return query(sql, p -> {
            int i = 1;
            p.setLong(i++, sinceTMs);
            if (gameId != null) {
                p.setString(i++, gameId);
            }
            p.setInt(i, limit);
        }, rs -> SessionSummaryRow.read(rs).toArchived());
    }

    /** One session's summary, or null when the archive does not hold it. */
    public ArchivedSession session(String gameId) throws SQLException {
        List<ArchivedSession> one = sessions(Long.MIN_VALUE, gameId, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    /** Samples of {@code gameId} with {@code sinceTMs <= t_ms <= untilTMs}, after {@code after} (null: from the start). */
    public synchronized List<PeerSample> samples(String gameId, long sinceTMs, long untilTMs, SampleCursor after,
                                                 int limit) throws SQLException {
        String sql = "SELECT " + Columns.SAMPLE_COLUMNS + " FROM samples WHERE game_id = ? AND t_ms >= ? AND t_ms <= ?"
                + (after != null ? " AND (t_ms, player_id, seq) > (?, ?, ?)" : "")
                + " ORDER BY t_ms, player_id, seq LIMIT ?";
        return query(sql, p -> {
            int i = 1;
            p.setString(i++, gameId);
            p.setLong(i++, sinceTMs);
            p.setLong(i++, untilTMs);
            if (after != null) {
                p.setLong(i++, after.tMs());
                p.setString(i++, after.playerId());
                p.setLong(i++, after.seq());
            }
            p.setInt(i, limit);
        }, Columns::read);
    }

    /** How many samples {@link #samples} would return in all (for progress). */
    public synchronized long countSamples(String gameId, long sinceTMs, long untilTMs) throws SQLException {
        return query("SELECT COUNT(*) FROM samples WHERE game_id = ? AND t_ms >= ? AND t_ms <= ?", p -> {
            p.setString(1, gameId);
            p.setLong(2, sinceTMs);
            p.setLong(3, untilTMs);
        }, rs -> rs.getLong(1)).get(0);
    }

    /** Events of {@code gameId} in the time range, oldest first, at most {@code limit}. */
    public synchronized List<SessionEvent> events(String gameId, long sinceTMs, long untilTMs, int limit)
            throws SQLException {
        return query("SELECT game_id, player_id, t_ms, kind, detail FROM events WHERE game_id = ? AND t_ms >= ? "
                + "AND t_ms <= ? ORDER BY t_ms, event_no LIMIT ?", p -> {
                    p.setString(1, gameId);
                    p.setLong(2, sinceTMs);
                    p.setLong(3, untilTMs);
                    p.setInt(4, limit);
                }, rs -> new SessionEvent(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        detail(rs.getString(5))));
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            connection = null;
        }
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, RowReader<T> reader) throws SQLException {
        try {
            if (connection == null) {
                connection = database.open();
            }
            try (PreparedStatement p = connection.prepareStatement(sql)) {
                binder.bind(p);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            close(); // a broken connection is reopened by the next query
            throw e;
        }
    }

    private static Map<String, Object> detail(String json) {
        try {
            return json == null ? Map.of() : ObserverProtocol.mapper().readValue(json, DETAIL);
        } catch (JsonProcessingException e) {
            return Map.of("text", json);
        }
    }
}
