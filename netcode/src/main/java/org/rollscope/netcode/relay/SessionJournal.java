package org.rollscope.netcode.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each session event to {@code <dataDir>/<game_id>/events.jsonl}, one JSON object per line, in the same
 * shape observers receive. Called with the event bus lock held, so lines of one game are in publication order.
 * Blocks for one small append; an I/O failure is logged (the event still reaches observers).
 */
final class SessionJournal {
    static final String FILE_NAME = "events.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(SessionJournal.class);

    private final Path dataDir;

    SessionJournal(Path dataDir) {
        this.dataDir = dataDir;
    }

    void append(SessionEvent event) {
        try {
            String line = ObserverProtocol.mapper().writeValueAsString(event) + "\n";
            Path dir = dataDir.resolve(event.gameId());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(FILE_NAME), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (JsonProcessingException e) {
            LOG.warn("cannot serialise session event {}", event, e);
        } catch (IOException e) {
            LOG.warn("cannot append to {}/{}: {}", event.gameId(), FILE_NAME, e.toString());
        }
    }
}
