package org.rollscope.netcode.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive's one writer: a bounded queue that the relay's threads offer to (never blocking), drained by its own
 * thread ({@code relay-archive}) into one transaction per commit interval.
 *
 * <p>When the database fails (down, slow, disk full) the batch in hand is kept and retried with back-off while the
 * queue fills; once it is full, new samples and events are dropped and counted per session ({@link DropLedger}) and
 * announced as {@code archive_dropped} events: at once every {@link #REPORT_EVERY_MS} while it lasts, and when the
 * database is back. The relay's delivery to observers never waits for any of this.
 *
 * <p>The queue is lock-free ({@link ConcurrentLinkedQueue} bounded by a counter), not an {@code ArrayBlockingQueue}:
 * that one's single lock was shared by every relay thread offering a sample and by this thread draining them, and on
 * a busy 2-core machine a holder that lost its core kept the relay's delivery threads parked on it for tens of
 * milliseconds (JFR, 100 sessions x 10 Hz: 16 parks of 27 ms on average in 30 s, in ObserverHub.offerSample).
 */
final class ArchiveWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
    /** Rows per transaction at most; a busy relay brings ~500 per 250 ms, so this only bounds a catch-up. */
    static final int MAX_BATCH = 20_000;
    /** While drops go on, say so this often rather than only when the database comes back. */
    static final long REPORT_EVERY_MS = 5_000;
    private static final long MAX_BACKOFF_MS = 5_000;
    /** Session summaries kept in memory: the live sessions and then some (one row each). */
    private static final int SUMMARY_CACHE = 4_096;

    private final ArchiveDatabase database;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    /** Rows in {@link #queue}, counted on offer (before the row is in) and on take: what bounds it. */
    private final AtomicInteger queueSize = new AtomicInteger();
    private final int capacity;
    private final DropLedger drops = new DropLedger();
    private final Consumer<SessionEvent> announcer;
    private final Retention retention;
    private final long commitMs;
    private final long retentionEveryMs;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final LongAdder samplesWritten = new LongAdder();
    private final LongAdder eventsWritten = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Map<String, SessionSummaryRow> summaries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SessionSummaryRow> eldest) {
            return size() > SUMMARY_CACHE;
        }
    };
    private volatile String source;
    private volatile String lastError = "buffer full";
    /** Rows taken off the queue and not yet committed (retried while the database fails). */
    private volatile int inHand;
    private Connection connection;
    private long eventNo;

    ArchiveWriter(ArchiveDatabase database, ArchiveConfig config, String source, Consumer<SessionEvent> announcer) {
        this.database = database;
        this.capacity = config.bufferCapacity();
        this.announcer = announcer;
        this.source = source;
        this.commitMs = config.commitInterval().toMillis();
        this.retentionEveryMs = config.retentionInterval().toMillis();
        this.retention = new Retention(database.dialect(), config.maxAge().toMillis(), config.maxBytes());
    }

    /** Queues a sample or an event. Any thread; never blocks; when the buffer is full it is dropped and counted. */
    void offer(Object record) {
        if (queueSize.incrementAndGet() <= capacity) {
            queue.offer(record);
        } else {
            queueSize.decrementAndGet();
            if (record instanceof PeerSample s) {
                drops.drop(s.gameId(), true, s.tMs());
            } else if (record instanceof SessionEvent e) {
                drops.drop(e.gameId(), false, e.tMs());
            }
        }
    }

    void setSource(String value) {
        source = value;
    }

    long samplesWritten() {
        return samplesWritten.sum();
    }

    long eventsWritten() {
        return eventsWritten.sum();
    }

    long droppedSamples() {
        return drops.samples();
    }

    long droppedEvents() {
        return drops.events();
    }

    /** Rows waiting: in the queue, and in the batch being written or retried. */
    int queued() {
        return queueSize.get() + inHand;
    }

    /** Failed write attempts (each retried). */
    long failures() {
        return failures.sum();
    }

    /** Asks the thread to write what is queued and stop; waits up to {@code timeoutMs}. */
    boolean stopAndDrain(long timeoutMs) throws InterruptedException {
        stop.countDown();
        return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
        List<Object> batch = new ArrayList<>();
        long nextCommit = System.currentTimeMillis() + commitMs;
        long nextRetention = System.currentTimeMillis();
        long nextReport = 0;
        long backoffMs = 0;
        try {
            while (true) {
                boolean stopping = awaitStop(Math.max(backoffMs, nextCommit - System.currentTimeMillis()));
                if (batch.isEmpty()) {
                    take(batch);
                    inHand = batch.size();
                }
                long now = System.currentTimeMillis();
                nextCommit = now + commitMs;
                if (!batch.isEmpty()) {
                    if (write(batch)) {
                        batch.clear();
                        inHand = 0;
                        backoffMs = 0;
                        if (!queue.isEmpty()) {
                            nextCommit = now; // catching up: the next batch at once
                        }
                    } else {
                        backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(commitMs, backoffMs * 2));
                    }
                }
                if (!drops.isEmpty() && (batch.isEmpty() || now >= nextReport)) {
                    // Announced through the relay: observers and events.jsonl see it even while the database is
                    // down; the archive keeps it once it can.
                    drops.report(batch.isEmpty() ? "buffer full (" + lastError + "); recovered" : lastError, now)
                            .forEach(announcer);
                    nextReport = now + REPORT_EVERY_MS;
                }
                if (batch.isEmpty() && now >= nextRetention) {
                    runRetention();
                    nextRetention = now + retentionEveryMs;
                }
                if (stopping && (queue.isEmpty() || !batch.isEmpty())) {
                    if (!batch.isEmpty()) {
                        LOG.warn("archive: stopping with {} rows unwritten ({})", batch.size() + queueSize.get(),
                                lastError);
                    }
                    break;
                }
            }
        } finally {
            closeConnection();
            stopped.countDown();
        }
    }

    /** Moves up to {@link #MAX_BATCH} queued rows into the (empty) batch, oldest first. */
    private void take(List<Object> batch) {
        Object record;
        while (batch.size() < MAX_BATCH && (record = queue.poll()) != null) {
            batch.add(record);
        }
        queueSize.addAndGet(-batch.size());
    }

    /** Marks the current run stopped cleanly (the next start then says the restart was clean). */
    void markRunStopped(long runStartedTMs) {
        try {
            Connection c = connection();
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE relay_runs SET stopped_t_ms = ? WHERE started_t_ms = ?")) {
                p.setLong(1, System.currentTimeMillis());
                p.setLong(2, runStartedTMs);
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            LOG.warn("archive: could not mark this run stopped ({}); the next start will call it unclean",
                    e.getMessage());
        } finally {
            closeConnection();
        }
    }

    private boolean awaitStop(long waitMs) {
        try {
            return stop.await(Math.max(0, waitMs), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** One transaction: the rows, then the summaries they changed. False (rolled back, to retry) on failure. */
    private boolean write(List<Object> batch) {
        List<SessionSummaryRow> touched = new ArrayList<>();
        long samples = 0;
        long firstEventNo = eventNo;
        try {
            Connection c = connection();
            try (PreparedStatement insertSample = c.prepareStatement(Columns.INSERT_SAMPLE);
                 PreparedStatement insertEvent = c.prepareStatement(Columns.INSERT_EVENT);
                 PreparedStatement insertSession = c.prepareStatement(SessionSummaryRow.INSERT);
                 PreparedStatement updateSession = c.prepareStatement(SessionSummaryRow.UPDATE)) {
                for (Object record : batch) {
                    if (record instanceof PeerSample s) {
                        Columns.bind(insertSample, s);
                        insertSample.addBatch();
                        summary(c, s.gameId(), touched).add(s);
                        samples++;
                    } else if (record instanceof SessionEvent e) {
                        insertEvent.setString(1, e.gameId());
                        insertEvent.setString(2, e.playerId());
                        insertEvent.setLong(3, e.tMs());
                        insertEvent.setString(4, e.kind());
                        insertEvent.setString(5, detailJson(e));
                        insertEvent.setLong(6, eventNo++);
                        insertEvent.addBatch();
                        summary(c, e.gameId(), touched).add(e);
                    }
                }
                insertSample.executeBatch();
                insertEvent.executeBatch();
                for (SessionSummaryRow row : touched) {
                    row.source = source;
                    row.store(insertSession, updateSession);
                }
                insertSession.executeBatch();
                updateSession.executeBatch();
            }
            c.commit();
            samplesWritten.add(samples);
            eventsWritten.add(batch.size() - samples);
            return true;
        } catch (SQLException | RuntimeException e) {
            failures.increment();
            lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.warn("archive: writing {} rows failed, will retry: {}", batch.size(), lastError);
            eventNo = firstEventNo;
            touched.forEach(row -> summaries.remove(row.gameId)); // re-read what the database really holds
            rollbackQuietly();
            closeConnection(); // a broken connection (a database restart) is reopened on the next try
            return false;
        }
    }

    private SessionSummaryRow summary(Connection c, String gameId, List<SessionSummaryRow> touched)
            throws SQLException {
        SessionSummaryRow row = summaries.get(gameId);
        if (row == null) {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT " + SessionSummaryRow.COLUMNS + " FROM sessions WHERE game_id = ?")) {
                p.setString(1, gameId);
                try (ResultSet rs = p.executeQuery()) {
                    row = rs.next() ? SessionSummaryRow.read(rs) : new SessionSummaryRow(gameId);
                }
            }
            summaries.put(gameId, row);
        }
        if (!touched.contains(row)) {
            touched.add(row);
        }
        return row;
    }

    private void runRetention() {
        try {
            Connection c = connection();
            List<String> deleted = retention.apply(c, System.currentTimeMillis());
            deleted.forEach(summaries::remove);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("archive: retention failed, will try again later: {}", e.getMessage());
            rollbackQuietly();
            closeConnection();
        }
    }

    private static String detailJson(SessionEvent e) {
        try {
            return ObserverProtocol.mapper().writeValueAsString(e.detail());
        } catch (JsonProcessingException ex) {
            return "{\"text\": \"detail could not be serialised\"}";
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = database.open();
            connection.setAutoCommit(false);
            try (PreparedStatement p = connection.prepareStatement("SELECT COALESCE(MAX(event_no), 0) FROM events");
                 ResultSet rs = p.executeQuery()) {
                rs.next();
                eventNo = Math.max(eventNo, rs.getLong(1) + 1);
            }
            connection.commit();
        }
        return connection;
    }

    private void rollbackQuietly() {
        try {
            if (connection != null) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is being thrown away anyway
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to do with it
            }
            connection = null;
        }
    }
}
