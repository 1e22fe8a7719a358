package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;
import org.json.JSONObject;
import org.rollscope.netcode.archive.ArchiveSink;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that goes out to observers: snapshots, session events (also appended to each session's ring and to
 * its events.jsonl) and telemetry batches.
 *
 * <p>Threads: samples are offered from peers' Jetty threads into one bounded queue per observer (never blocking;
 * when full, the oldest sample is dropped and counted); the {@code relay-fanout} thread calls {@link #flush()} every
 * flush interval and sends each observer one {@code peer_telemetry} batch. Events and snapshots are sent at once
 * by the publishing thread under one lock, so an observer that joins never misses an event between its snapshot
 * and its first live event. Lock order: this hub's event lock, then the registry's lock.
 *
 * <p>Every sample and event passes through here, so this is also where the archive is fed ({@link ArchiveSink}: a
 * queue offer, never blocking).
 */
final class ObserverHub {
    private static final Logger LOG = LoggerFactory.getLogger(ObserverHub.class);

    /** One connected, authenticated observer and its pending samples. */
    private static final class Channel {
        final SocketIoSocket socket;
        final ArrayBlockingQueue<EncodedJson> pending;
        final AtomicLong droppedSinceBatch = new AtomicLong();

        Channel(SocketIoSocket socket, int capacity) {
            this.socket = socket;
            this.pending = new ArrayBlockingQueue<>(capacity);
        }
    }

    private final SessionRegistry registry;
    private final SessionJournal journal;
    private final int queueCapacity;
    private final Map<String, Channel> observers = new ConcurrentHashMap<>();
    private final Object eventLock = new Object();
    /** Storage errors are reported at most this often per game and reason: a full disk fails every event. */
    private static final long STORAGE_ERROR_INTERVAL_MS = 10_000;
    private final Map<String, Long> lastStorageError = new java.util.HashMap<>(); // guarded by eventLock
    private final LongAdder samplesDropped = new LongAdder();
    private volatile ArchiveSink archive = ArchiveSink.NONE;
    /** How much an observer's connection has not sent yet (see {@link #limitBacklogs}); 0 until told. */
    private volatile ToLongFunction<SocketIoSocket> unsentChars = socket -> 0;
    private volatile long maxUnsentChars = Long.MAX_VALUE;

    ObserverHub(SessionRegistry registry, SessionJournal journal, int queueCapacity) {
        this.registry = registry;
        this.journal = journal;
        this.queueCapacity = queueCapacity;
    }

    /** Sends the snapshot, then starts streaming to this observer. */
    void addObserver(SocketIoSocket socket) {
        synchronized (eventLock) {
            sendSnapshot(socket);
            observers.put(socket.getId(), new Channel(socket, queueCapacity));
        }
    }

    /**
     * From now on an observer whose connection still has more than {@code maxUnsentChars} of earlier batches to send
     * gets no new batch: its samples are dropped and counted, and its next batch says how many ({@code dropped}).
     * Without this a reader slower than the relay falls further behind every second, without bound, until engine.io's
     * pings, queued behind the batches, time out and close it (docs/relay-performance.md, *Left alone*).
     */
    void limitBacklogs(ToLongFunction<SocketIoSocket> unsentChars, long maxUnsentChars) {
        this.unsentChars = unsentChars;
        this.maxUnsentChars = maxUnsentChars;
    }

    /** From now on every sample and event also goes to {@code sink}. */
    void archiveTo(ArchiveSink sink) {
        archive = sink;
    }

    void removeObserver(String socketId) {
        observers.remove(socketId);
    }

    int observerCount() {
        return observers.size();
    }

    long samplesDropped() {
        return samplesDropped.sum();
    }

    void sendSnapshot(SocketIoSocket socket) {
        synchronized (eventLock) {
            SessionsSnapshot snapshot = new SessionsSnapshot(System.currentTimeMillis(), registry.summaries());
            Outbox.send(socket, ObserverProtocol.SESSIONS_SNAPSHOT, ObserverProtocol.toJson(snapshot));
        }
    }

    /**
     * Records a session event (ring, journal) and sends it to every observer. Any thread. When the journal cannot
     * store it, observers also get a {@code storage_error} event (at most one per game and reason every 10 s).
     *
     * @return what became of the event in the journal, so that the sender of an acknowledged event can be refused
     */
    SessionJournal.Outcome publish(SessionEvent event) {
        synchronized (eventLock) {
            GameSession session = registry.get(event.gameId());
            if (session != null) {
                session.appendEvent(event);
            }
            SessionJournal.Outcome stored = journal.append(event, session == null || session.isReady());
            if (stored == SessionJournal.Outcome.FAILED || stored == SessionJournal.Outcome.FULL) {
                reportStorageError(event, stored);
            }
            archive.onEvent(event);
            JSONObject json = ObserverProtocol.toJson(event);
            for (Channel channel : observers.values()) {
                sendQuietly(channel.socket, ObserverProtocol.SESSION_EVENT, json);
            }
            return stored;
        }
    }

    /**
     * Tells observers and the archive (not the journal, which just failed) that an event was not stored. Under
     * eventLock.
     */
    private void reportStorageError(SessionEvent lost, SessionJournal.Outcome outcome) {
        String key = lost.gameId() + "/" + outcome;
        long now = System.currentTimeMillis();
        Long last = lastStorageError.get(key);
        if (last != null && now - last < STORAGE_ERROR_INTERVAL_MS) {
            return;
        }
        if (lastStorageError.size() > 10_000) {
            lastStorageError.clear();
        }
        lastStorageError.put(key, now);
        Map<String, Object> detail = new java.util.LinkedHashMap<>();
        detail.put("file", lost.gameId() + "/" + SessionJournal.FILE_NAME);
        detail.put("reason", outcome == SessionJournal.Outcome.FULL ? "full" : "failed");
        detail.put("error", outcome == SessionJournal.Outcome.FULL ? "the journal reached its size limit"
                : journal.lastError());
        detail.put("kind", lost.kind());
        SessionEvent error = new SessionEvent(lost.gameId(), lost.playerId(), now, SessionEvent.KIND_STORAGE_ERROR,
                detail);
        GameSession session = registry.get(lost.gameId());
        if (session != null) {
            session.appendEvent(error);
        }
        // The archive is another store (another file, or another machine): it keeps the record of the journal's gap.
        archive.onEvent(error);
        JSONObject json = ObserverProtocol.toJson(error);
        for (Channel channel : observers.values()) {
            sendQuietly(channel.socket, ObserverProtocol.SESSION_EVENT, json);
        }
    }

    /**
     * Queues a stamped sample (encoded once, shared by every observer's batch) for every observer, and for the
     * archive. Never blocks.
     */
    void offerSample(PeerSample stamped, EncodedJson sample) {
        for (Channel channel : observers.values()) {
            while (!channel.pending.offer(sample)) {
                if (channel.pending.poll() != null) {
                    channel.droppedSinceBatch.incrementAndGet();
                    samplesDropped.increment();
                }
            }
        }
        archive.onSample(stamped); // after the observers' copies: delivery first
    }

    /** Sends each observer its pending samples as one batch. {@code relay-fanout} thread only. */
    void flush() {
        List<EncodedJson> previousBatch = null;
        long previousDropped = -1;
        String previousFrame = null;
        for (Channel channel : observers.values()) {
            List<EncodedJson> batch = new ArrayList<>(channel.pending.size());
            channel.pending.drainTo(batch);
            long dropped = channel.droppedSinceBatch.getAndSet(0);
            if (batch.isEmpty() && dropped == 0) {
                continue;
            }
            if (unsentChars.applyAsLong(channel.socket) > maxUnsentChars) {
                channel.droppedSinceBatch.addAndGet(dropped + batch.size()); // told in its next batch
                samplesDropped.add(batch.size());
                continue;
            }
            // Observers that kept up hold the same samples: their batch is written once, framed as a Socket.IO
            // packet once, and sent to each of them.
            String frame = dropped == previousDropped && sameSamples(batch, previousBatch) ? previousFrame
                    : Outbox.eventFrame(ObserverProtocol.NAMESPACE, ObserverProtocol.PEER_TELEMETRY,
                            encodeBatch(batch, dropped));
            previousBatch = batch;
            previousDropped = dropped;
            previousFrame = frame;
            try {
                Outbox.sendEventFrame(channel.socket, frame);
            } catch (RuntimeException e) {
                // A closing connection must not stop the fan-out to the others.
                LOG.debug("could not send a telemetry batch to observer {}", channel.socket.getId(), e);
            }
        }
    }

    /** {@code {"samples": [...], "dropped": n}}, from samples each encoded once already. */
    static EncodedJson encodeBatch(List<EncodedJson> batch, long dropped) {
        int length = 32;
        for (EncodedJson sample : batch) {
            length += sample.length() + 1;
        }
        StringBuilder out = new StringBuilder(length).append("{\"samples\":[");
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(batch.get(i).toJSONString());
        }
        return new EncodedJson(out.append("],\"dropped\":").append(dropped).append('}').toString());
    }

    /** True when both batches hold the very same encoded samples, in the same order. */
    private static boolean sameSamples(List<EncodedJson> a, List<EncodedJson> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static void sendQuietly(SocketIoSocket socket, String event, Object payload) {
        try {
            Outbox.send(socket, event, payload);
        } catch (RuntimeException e) {
            // A closing connection must not stop the fan-out to the others.
            LOG.debug("could not send {} to observer {}", event, socket.getId(), e);
        }
    }
}
