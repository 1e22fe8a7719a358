package org.rollscope.netcode.archive;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.rollscope.netcode.health.HealthLimits;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * A row of {@code sessions}, kept up to date by the writer as batches go in (the writer is the only one changing
 * it, so read-modify-write needs no upsert, which SQLite and PostgreSQL spell differently). Not thread-safe.
 */
final class SessionSummaryRow {
    static final String COLUMNS = "game_id, source, first_t_ms, last_t_ms, players, samples, events, fallbacks, "
            + "desyncs, max_rtt_ms, max_gap_rate, max_buffered_amount, ended";
    static final String INSERT = "INSERT INTO sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE = "UPDATE sessions SET source = ?, first_t_ms = ?, last_t_ms = ?, players = ?, "
            + "samples = ?, events = ?, fallbacks = ?, desyncs = ?, max_rtt_ms = ?, max_gap_rate = ?, "
            + "max_buffered_amount = ?, ended = ? WHERE game_id = ?";

    final String gameId;
    String source;
    long firstTMs = Long.MAX_VALUE;
    long lastTMs = Long.MIN_VALUE;
    private final TreeSet<String> players = new TreeSet<>();
    long samples;
    long events;
    long fallbacks;
    long desyncs;
    Double maxRttMs;
    Double maxGapRate;
    Long maxBufferedAmount;
    boolean ended;
    /** Whether the row exists in the table (UPDATE) or not yet (INSERT). */
    boolean stored;

    SessionSummaryRow(String gameId) {
        this.gameId = gameId;
    }

    void widen(long tMs) {
        firstTMs = Math.min(firstTMs, tMs);
        lastTMs = Math.max(lastTMs, tMs);
    }

    void addPlayer(String playerId) {
        if (playerId != null) {
            players.add(playerId);
        }
    }

    void add(PeerSample s) {
        widen(s.tMs());
        addPlayer(s.playerId());
        samples++;
        maxRttMs = max(maxRttMs, s.rttMs());
        maxGapRate = max(maxGapRate, s.gapRate());
        if (s.bufferedAmount() != null) {
            maxBufferedAmount = maxBufferedAmount == null ? s.bufferedAmount()
                    : Math.max(maxBufferedAmount, s.bufferedAmount());
        }
    }

    void add(SessionEvent e) {
        widen(e.tMs());
        if (SessionEvent.KIND_JOINED.equals(e.kind())) {
            addPlayer(e.playerId());
        }
        countEvent(e.kind(), 1);
    }

    void countEvent(String kind, long count) {
        events += count;
        if (SessionEvent.KIND_FALLBACK.equals(kind)) {
            fallbacks += count;
        } else if (SessionEvent.KIND_DESYNC.equals(kind)) {
            desyncs += count;
        } else if (SessionEvent.KIND_ENDED.equals(kind)) {
            ended = true;
        } else if (SessionEvent.KIND_JOINED.equals(kind) && count == 1) {
            ended = false; // a re-take reopens it
        }
    }

    /** Writes this row: INSERT the first time, UPDATE after. */
    void store(PreparedStatement insert, PreparedStatement update) throws SQLException {
        if (stored) {
            bindValues(update, 1);
            update.setString(13, gameId);
            update.addBatch();
        } else {
            bindInsert(insert);
            insert.addBatch();
            stored = true;
        }
    }

    void bindInsert(PreparedStatement insert) throws SQLException {
        insert.setString(1, gameId);
        bindValues(insert, 2);
    }

    private void bindValues(PreparedStatement p, int from) throws SQLException {
        int i = from;
        if (source == null) {
            p.setNull(i++, Types.VARCHAR);
        } else {
            p.setString(i++, source);
        }
        p.setLong(i++, firstTMs == Long.MAX_VALUE ? 0 : firstTMs);
        p.setLong(i++, lastTMs == Long.MIN_VALUE ? 0 : lastTMs);
        p.setString(i++, String.join(",", players));
        p.setLong(i++, samples);
        p.setLong(i++, events);
        p.setLong(i++, fallbacks);
        p.setLong(i++, desyncs);
        Columns.setDouble(p, i++, maxRttMs);
        Columns.setDouble(p, i++, maxGapRate);
        Columns.setLong(p, i++, maxBufferedAmount);
        p.setInt(i, ended ? 1 : 0);
    }

    /** The row under the cursor of {@code SELECT COLUMNS FROM sessions}. */
    static SessionSummaryRow read(ResultSet rs) throws SQLException {
        SessionSummaryRow row = new SessionSummaryRow(rs.getString(1));
        row.source = rs.getString(2);
        row.firstTMs = rs.getLong(3);
        row.lastTMs = rs.getLong(4);
        String players = rs.getString(5);
        if (players != null && !players.isEmpty()) {
            row.players.addAll(Arrays.asList(players.split(",")));
        }
        row.samples = rs.getLong(6);
        row.events = rs.getLong(7);
        row.fallbacks = rs.getLong(8);
        row.desyncs = rs.getLong(9);
        row.maxRttMs = Columns.getDouble(rs, 10);
        row.maxGapRate = Columns.getDouble(rs, 11);
        row.maxBufferedAmount = Columns.getLong(rs, 12);
        row.ended = rs.getInt(13) != 0;
        row.stored = true;
        return row;
    }

    ArchivedSession toArchived() {
        long first = firstTMs == Long.MAX_VALUE ? 0 : firstTMs;
        long last = lastTMs == Long.MIN_VALUE ? 0 : lastTMs;
        return new ArchivedSession(gameId, source, first, last, last - first, List.copyOf(players), samples, events,
                fallbacks, desyncs, maxRttMs, maxGapRate, maxBufferedAmount, ended,
                HealthLimits.worst(maxRttMs, maxGapRate, maxBufferedAmount, desyncs));
    }

    private static Double max(Double a, Double b) {
        if (b == null || b.isNaN()) {
            return a;
        }
        return a == null ? b : Math.max(a, b);
    }
}
