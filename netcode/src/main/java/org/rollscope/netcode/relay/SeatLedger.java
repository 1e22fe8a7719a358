package org.rollscope.netcode.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seat reservations on disk, {@code <dataDir>/<game_id>/seats.json}, so that a seat stays its owner's across a relay
 * restart (and after its session was pruned from memory): the game's seed and, per seat, its player id, subject id
 * and the SHA-256 of its seat token. Written atomically once the game is ready (both seats taken); a game whose
 * second seat was never taken is not stored, so a churn of joins leaves no directories.
 *
 * <p>Called under the {@link SessionRegistry} lock (one small file write per game).
 */
final class SeatLedger {
    static final String FILE_NAME = "seats.json";
    private static final Logger LOG = LoggerFactory.getLogger(SeatLedger.class);

    private final Path dataDir;

    SeatLedger(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Stores the session's reservations; a failure is logged (the session goes on, unprotected by a restart). */
    void save(GameSession session) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("game_id", session.gameId());
        out.put("game_seed", session.gameSeed());
        out.put("created_t_ms", session.createdTMs());
        out.put("p2p_key", session.p2pKeyBase64()); // peers that already hold it keep using it after a restart
        List<Map<String, Object>> seats = new ArrayList<>();
        for (int i = 0; i < GameSession.SEATS; i++) {
            Seat seat = session.seat(i);
            if (seat != null) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("index", seat.index());
                s.put("player_id", seat.playerId());
                s.put("subject_id", seat.subjectId());
                s.put("token_sha256", seat.tokenHash());
                seats.add(s);
            }
        }
        out.put("seats", seats);
        Path dir = dataDir.resolve(session.gameId());
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + FILE_NAME, ".tmp");
            try {
                Files.writeString(temp, ObserverProtocol.mapper().writeValueAsString(out), StandardCharsets.UTF_8);
                Files.move(temp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            LOG.warn("cannot store the seats of game {} ({}); a relay restart would forget who owns them",
                    session.gameId(), e.toString());
        }
    }

    /** The stored game, ready and with its reserved (unconnected) seats, or null when none is stored. */
    GameSession load(String gameId, int eventRingCapacity) {
        Path file = dataDir.resolve(gameId).resolve(FILE_NAME);
        try {
            JsonNode root = ObserverProtocol.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
            GameSession session = new GameSession(gameId, root.path("created_t_ms").asLong(),
                    root.path("game_seed").asLong(), eventRingCapacity, P2pKeys.decodeOrGenerate(
                            root.path("p2p_key").asText(null)));
            for (JsonNode s : root.path("seats")) {
                int index = s.path("index").asInt(-1);
                if (index < 0 || index >= GameSession.SEATS || !s.path("player_id").isTextual()
                        || !s.path("token_sha256").isTextual()) {
                    throw new IOException("a malformed seat: " + s);
                }
                Seat seat = new Seat(session, index, s.get("player_id").asText(), s.get("token_sha256").asText());
                if (s.path("subject_id").isTextual()) {
                    seat.take(null, s.get("subject_id").asText());
                }
                session.putSeat(seat);
            }
            session.markReady();
            session.setEnded(true); // nobody is connected until a seat is re-taken
            return session;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}/{} ({}); treating the game as new", gameId, FILE_NAME, e.toString());
            return null;
        }
    }
}
