package org.rollscope.netcode.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each session event to {@code <dataDir>/<game_id>/events.jsonl}, one JSON object per line, in the same
 * shape observers receive, whole records only ({@link JournalFile}). Events of a game that is not ready yet (its
 * second seat never taken) are held in memory and written once it is, so a churn of joins creates no directories.
 * A journal is capped at {@code maxBytes}. Every append says what became of the event, so the caller can refuse
 * what it cannot store instead of losing an acknowledged event silently.
 *
 * <p>Called with the observer hub's event lock held, so the lines of one game are in publication order. Blocks for
 * one small append.
 */
final class SessionJournal {
    static final String FILE_NAME = "events.jsonl";
    /** Held events per not-yet-ready game: a join, a leave, a few reports; more is a churn. */
    static final int MAX_HELD_PER_GAME = 64;
    /** Games with held events; the oldest are forgotten beyond this (never-ready games of a churn). */
    static final int MAX_HELD_GAMES = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(SessionJournal.class);

    /** What became of an appended event. */
    enum Outcome {
        /** On disk. */
        STORED,
        /** In memory until the game is ready. */
        HELD,
        /** The journal reached its size cap; not stored. */
        FULL,
        /** Writing failed (disk full, I/O error); not stored. */
        FAILED
    }

    private final Path dataDir;
    private final long maxBytes;
    private final Map<String, JournalFile> files = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JournalFile> eldest) {
            return size() > MAX_HELD_GAMES;
        }
    };
    private final Map<String, List<byte[]>> held = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<byte[]>> eldest) {
            return size() > MAX_HELD_GAMES;
        }
    };
    private String lastError = "";

    SessionJournal(Path dataDir) {
        this(dataDir, Long.MAX_VALUE);
    }

    SessionJournal(Path dataDir, long maxBytes) {
        this.dataDir = dataDir;
        this.maxBytes = maxBytes;
    }

    /**
     * @param ready whether the event's game is ready (both seats taken) or has no session; otherwise it is held
     */
    Outcome append(SessionEvent event, boolean ready) {
        byte[] line;
        try {
            line = (ObserverProtocol.mapper().writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            LOG.warn("cannot serialise session event {}", event, e); // a bug: details are plain values
            return Outcome.FAILED;
        }
        Path dir = dataDir.resolve(event.gameId());
        if (!ready && !Files.isDirectory(dir)) { // a directory exists once anything of the game was stored
            List<byte[]> pending = held.computeIfAbsent(event.gameId(), id -> new ArrayList<>());
            if (pending.size() < MAX_HELD_PER_GAME) {
                pending.add(line);
                return Outcome.HELD;
            }
            return Outcome.FULL;
        }
        JournalFile file = files.computeIfAbsent(event.gameId(),
                id -> new JournalFile(dataDir.resolve(id).resolve(FILE_NAME)));
        try {
            Files.createDirectories(dir);
            List<byte[]> pending = held.remove(event.gameId());
            if (pending != null) {
                for (byte[] earlier : pending) {
                    file.append(earlier);
                }
            }
            if (file.size() + line.length > maxBytes) {
                return Outcome.FULL;
            }
            file.append(line);
            return Outcome.STORED;
        } catch (IOException | RuntimeException e) { // a journal problem must never fail the event's handler
            lastError = e.toString();
            LOG.warn("cannot append to {}/{}: {}", event.gameId(), FILE_NAME, e.toString());
            return Outcome.FAILED;
        }
    }

    /** The last storage error, for the event that tells observers. */
    String lastError() {
        return lastError;
    }
}
