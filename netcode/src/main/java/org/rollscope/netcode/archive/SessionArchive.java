package org.rollscope.netcode.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.SessionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's archive while it runs: opens (and upgrades) the database, says which sessions a restart interrupted,
 * feeds the {@link ArchiveWriter} from the relay's {@link ArchiveSink} calls and offers an {@link ArchiveReader}.
 *
 * <p>Lifecycle: {@link #open}, then {@link #start} once the relay knows its URL, {@link #close} (writes what is
 * queued, up to 10 s, and marks the run as stopped cleanly). Threads: {@code relay-archive} writes;
 * {@link #onSample}/{@link #onEvent} from any thread, never blocking.
 */
public final class SessionArchive implements ArchiveSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionArchive.class);
    private static final long CLOSE_TIMEOUT_MS = 10_000;

    private final ArchiveDatabase database;
    private final ArchiveWriter writer;
    private final ArchiveReader reader;
    private final Consumer<SessionEvent> announcer;
    private Thread thread;
    private long runStartedTMs;
    private volatile boolean closed;

    private SessionArchive(ArchiveDatabase database, ArchiveConfig config, Consumer<SessionEvent> announcer) {
        this.database = database;
        this.announcer = announcer;
        this.writer = new ArchiveWriter(database, config, null, announcer);
        this.reader = new ArchiveReader(database);
    }

    /**
     * Opens the archive at {@code url} and brings its schema up to date. Nothing is written until {@link #start}.
     *
     * @param announcer where the archive's own events go ({@code archive_dropped}, {@code relay_restarted}): the
     *     relay's event bus, so observers and events.jsonl see them too (and they come back here to be archived)
     * @throws SQLException when the database cannot be reached or upgraded
     */
    public static SessionArchive open(String url, ArchiveConfig config, Consumer<SessionEvent> announcer)
            throws SQLException {
        ArchiveDatabase database = new ArchiveDatabase(url);
        database.migrate();
        return new SessionArchive(database, config, announcer);
    }

    /**
     * Records this run, announces a {@code relay_restarted} event for every session the previous run left live, and
     * starts the writer.
     *
     * @param source the relay as exports name it ({@code relay http://HOST:PORT})
     */
    public synchronized void start(String source) throws SQLException {
        writer.setSource(source);
        List<SessionEvent> restarted = new ArrayList<>();
        try (Connection c = database.open()) {
            c.setAutoCommit(false);
            long now = System.currentTimeMillis();
            Long previousStart = null;
            boolean clean = true;
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT started_t_ms, stopped_t_ms FROM relay_runs ORDER BY started_t_ms DESC LIMIT 1");
                 ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    previousStart = rs.getLong(1);
                    rs.getLong(2);
                    clean = !rs.wasNull();
                }
            }
            if (previousStart != null) {
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT game_id, last_t_ms FROM sessions WHERE ended = 0 AND last_t_ms >= ?")) {
                    p.setLong(1, previousStart);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> detail = new LinkedHashMap<>();
                            detail.put("clean", clean);
                            detail.put("last_archived_t_ms", rs.getLong(2));
                            detail.put("restarted_t_ms", now);
                            restarted.add(new SessionEvent(rs.getString(1), null, now,
                                    SessionEvent.KIND_RELAY_RESTARTED, detail));
                        }
                    }
                }
            }
            runStartedTMs = previousStart == null ? now : Math.max(now, previousStart + 1);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO relay_runs (started_t_ms, stopped_t_ms, source) VALUES (?, NULL, ?)")) {
                p.setLong(1, runStartedTMs);
                p.setString(2, source);
                p.executeUpdate();
            }
            c.commit();
        }
        thread = new Thread(writer, "relay-archive");
        thread.setDaemon(true);
        thread.start();
        restarted.forEach(announcer);
        LOG.info("archive: {} (schema {}), {} interrupted session(s) announced", database.describe(),
                Migrations.latest(), restarted.size());
    }

    @Override
    public void onSample(PeerSample sample) {
        writer.offer(sample);
    }

    @Override
    public void onEvent(SessionEvent event) {
        writer.offer(event);
    }

    public ArchiveReader reader() {
        return reader;
    }

    public ArchiveDatabase database() {
        return database;
    }

    /** Figures for the relay's counters and the benchmark. Any thread. */
    public ArchiveStats stats() {
        return new ArchiveStats(writer.samplesWritten(), writer.eventsWritten(), writer.queued(),
                writer.droppedSamples(), writer.droppedEvents(), writer.failures());
    }

    /** Writes what is queued (up to 10 s), marks the run stopped cleanly, closes. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (thread != null) {
                if (writer.stopAndDrain(CLOSE_TIMEOUT_MS)) {
                    writer.markRunStopped(runStartedTMs);
                } else {
                    LOG.warn("archive: the writer did not finish within {} ms; this run stays marked unclean",
                            CLOSE_TIMEOUT_MS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.close();
        }
    }
}
