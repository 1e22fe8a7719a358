package org.rollscope.netcode.mug;

import static org.rollscope.netcode.mug.MugJson.id;
import static org.rollscope.netcode.mug.MugJson.integer;
import static org.rollscope.netcode.mug.MugJson.millis;
import static org.rollscope.netcode.mug.MugJson.text;
import static org.rollscope.netcode.mug.MugJson.toMap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * Maps MUG's admin {@code state_update} (shared/spec/mug-admin.md) onto Rollscope's vocabulary. Pure and stateless:
 * the same input gives the same {@link MugState}; deduplication across updates lives in {@link MugTracker}.
 *
 * <ul>
 *   <li>{@code multiplayer_games[]} and {@code completed_games[]} → {@link MugSession}s (a game in both is listed
 *       once, ended); players from {@code players} (ints → strings), subjects from {@code subject_ids}.</li>
 *   <li>{@code p2p_health[<player id as string>]} → {@link MugPeerReport}: {@code socketio_fallback} → transport
 *       {@code relay}; {@code direct}/{@code relay} → {@code p2p} with that ICE path; {@code latency_ms} → a
 *       session-median {@code rtt_ms}; {@code reconnecting} → health {@code critical}. A report older than
 *       {@link #REPORT_EXPIRY_MS} at the state's time is {@code expired}; a seat without one is {@code missing}.</li>
 *   <li>{@code activity_log[]} → events of kind {@code event_type}; {@code problems[]} → events of kind
 *       {@link #KIND_PROBLEM}; each with {@code detail.source = "mug"} and the game and seat resolved from the
 *       subject where MUG does not name them (else {@code game_id} is {@code null}: a server-wide event).</li>
 * </ul>
 * Malformed entries are skipped and counted, never thrown. Thread-safe.
 */
public final class MugStateMapper {

    /** MUG forgets a peer's health report 10 s after the last one; so do we. */
    public static final long REPORT_EXPIRY_MS = 10_000;
    /** Event kind of a {@code problems[]} entry. */
    public static final String KIND_PROBLEM = "problem";
    /** Event kind of a browser console log line (warnings and errors only). */
    public static final String KIND_CONSOLE_LOG = "console_log";
    /** Event kind of an activity entry without an {@code event_type}. */
    public static final String KIND_ACTIVITY = "activity";

    private MugStateMapper() {
    }

    /** Parses a Socket.IO payload (an org.json value, or a JSON string) into a tree. Throws IllegalArgumentException. */
    public static JsonNode parse(Object payload) {
        return MugJson.parse(payload);
    }

    /**
     * Maps one {@code state_update}.
     *
     * @param state the payload; anything but an object gives an empty state with {@code malformed = 1}
     * @param receivedMs wall-clock ms when it arrived, used only when the payload has no {@code summary.timestamp}
     */
    public static MugState map(JsonNode state, long receivedMs) {
        if (state == null || !state.isObject()) {
            return new MugState(receivedMs, List.of(), List.of(), 1);
        }
        Long serverMs = millis(state.path("summary").get("timestamp"));
        long tMs = serverMs != null ? serverMs : receivedMs;
        int[] malformed = {0};
        Map<String, String> connection = new HashMap<>();
        for (JsonNode participant : state.path("participants")) {
            String subject = text(participant, "subject_id");
            if (subject != null) {
                connection.put(subject, text(participant, "connection_status"));
            }
        }
        Map<String, MugSession> sessions = new LinkedHashMap<>();
        for (JsonNode game : state.path("multiplayer_games")) {
            MugSession session = session(game, tMs, connection, false);
            if (session == null) {
                malformed[0]++;
            } else {
                sessions.put(session.gameId(), session);
            }
        }
        for (JsonNode game : state.path("completed_games")) {
            MugSession completed = session(game, tMs, connection, true);
            if (completed == null) {
                malformed[0]++;
            } else if (sessions.containsKey(completed.gameId())) {
                MugSession live = sessions.get(completed.gameId());
                sessions.put(live.gameId(), live.ended() ? live : live.ended(completed.termination()));
            } else {
                sessions.put(completed.gameId(), completed);
            }
        }
        SeatIndex seats = SeatIndex.of(sessions.values(), state.path("participants"));
        List<SessionEvent> events = new ArrayList<>();
        for (JsonNode entry : state.path("activity_log")) {
            add(events, activityEvent(entry, seats), malformed);
        }
        for (JsonNode entry : state.path("problems")) {
            add(events, problemEvent(entry, seats), malformed);
        }
        events.sort(Comparator.comparingLong(SessionEvent::tMs));
        return new MugState(tMs, new ArrayList<>(sessions.values()), events, malformed[0]);
    }

    /**
     * Maps a live {@code activity_event} (same shape as an {@code activity_log} entry), resolving its game and seat
     * against the latest state. Returns {@code null} when malformed.
     */
    public static SessionEvent activityEvent(JsonNode entry, MugState latest) {
        return activityEvent(entry, SeatIndex.of(latest == null ? List.of() : latest.sessions(), null));
    }

    /**
     * Maps a live {@code console_log} entry: warnings and errors become {@link #KIND_CONSOLE_LOG} events; other
     * levels (browser chatter, visible in MUG's own admin page) give {@code null}, as does a malformed entry.
     */
    public static SessionEvent consoleLogEvent(JsonNode entry, MugState latest, long receivedMs) {
        if (entry == null || !entry.isObject()) {
            return null;
        }
        String level = text(entry, "level");
        if (level != null && !level.toLowerCase(Locale.ROOT).matches("warn|warning|error|critical")) {
            return null;
        }
        SeatIndex seats = SeatIndex.of(latest == null ? List.of() : latest.sessions(), null);
        String subject = text(entry, "subject_id");
        Long tMs = millis(entry.get("timestamp"));
        Map<String, Object> detail = detail(entry, "timestamp");
        return new SessionEvent(seats.gameOf(subject, text(entry, "game_id")), seats.playerOf(subject),
                tMs != null ? tMs : receivedMs, KIND_CONSOLE_LOG, detail);
    }

    private static void add(List<SessionEvent> events, SessionEvent event, int[] malformed) {
        if (event == null) {
            malformed[0]++;
        } else {
            events.add(event);
        }
    }

    private static MugSession session(JsonNode game, long tMs, Map<String, String> connection, boolean completed) {
        String gameId = id(game.get("game_id"));
        if (gameId == null) {
            return null;
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode player : game.path("players")) {
            String playerId = id(player);
            if (playerId == null) {
                return null;
            }
            ids.add(playerId);
        }
        JsonNode subjects = game.path("subject_ids");
        JsonNode health = game.path("p2p_health");
        List<MugPlayer> players = new ArrayList<>();
        for (int seat = 0; seat < ids.size(); seat++) {
            String subject = text(subjects.get(seat));
            players.add(player(gameId, ids.get(seat), subject, subject == null ? null : connection.get(subject),
                    health.get(ids.get(seat)), tMs));
        }
        Map<String, Object> termination = null;
        JsonNode end = game.get("termination");
        if (end != null && !end.isNull()) {
            termination = end.isObject() ? toMap(end) : new LinkedHashMap<>(Map.of("reason", end.asText()));
        } else if (completed) {
            termination = new LinkedHashMap<>(Map.of("reason", "completed"));
        }
        return new MugSession(gameId, millis(game.get("created_at")), text(game, "game_type"),
                integer(game.get("current_episode")), text(game, "session_health"), termination != null, termination,
                players);
    }

    private static MugPlayer player(String gameId, String playerId, String subject, String connectionStatus,
                                    JsonNode report, long tMs) {
        if (report == null || !report.isObject()) {
            return new MugPlayer(playerId, subject, connectionStatus, MugPlayer.REPORT_MISSING, null);
        }
        Long reportMs = millis(report.get("timestamp"));
        if (reportMs != null && tMs - reportMs > REPORT_EXPIRY_MS) {
            return new MugPlayer(playerId, subject, connectionStatus, MugPlayer.REPORT_EXPIRED, null);
        }
        String connectionType = text(report, "connection_type");
        String transport = null;
        String icePath = null;
        if ("socketio_fallback".equals(connectionType)) {
            transport = "relay";
        } else if ("direct".equals(connectionType) || "relay".equals(connectionType)) {
            transport = "p2p";
            icePath = connectionType;
        }
        String status = text(report, "status");
        String health = status == null ? null : switch (status) {
            case "healthy" -> MugPeerReport.HEALTH_HEALTHY;
            case "degraded" -> MugPeerReport.HEALTH_DEGRADED;
            case "reconnecting" -> MugPeerReport.HEALTH_CRITICAL;
            default -> null;
        };
        JsonNode latency = report.get("latency_ms");
        Double rttMs = latency != null && latency.isNumber() ? latency.asDouble() : null;
        MugPeerReport mapped = new MugPeerReport(MugPeerReport.SOURCE, gameId, playerId, reportMs, connectionType,
                transport, icePath, rttMs, MugPeerReport.RTT_KIND, status, health, integer(report.get("episode")));
        return new MugPlayer(playerId, subject, connectionStatus, MugPlayer.REPORT_OK, mapped);
    }

    private static SessionEvent activityEvent(JsonNode entry, SeatIndex seats) {
        Long tMs = entry == null ? null : millis(entry.get("timestamp"));
        if (tMs == null || !entry.isObject()) {
            return null;
        }
        String subject = text(entry, "subject_id");
        String type = text(entry, "event_type");
        Map<String, Object> detail = detail(entry, "timestamp", "event_type");
        JsonNode details = entry.path("details");
        return new SessionEvent(seats.gameOf(subject, text(details, "game_id")), seats.playerOf(subject), tMs,
                type != null ? type : KIND_ACTIVITY, detail);
    }

    private static SessionEvent problemEvent(JsonNode entry, SeatIndex seats) {
        Long tMs = entry == null ? null : millis(entry.get("timestamp"));
        if (tMs == null || !entry.isObject()) {
            return null;
        }
        String subject = text(entry, "subject_id");
        Map<String, Object> detail = detail(entry, "timestamp", "game_id");
        return new SessionEvent(seats.gameOf(subject, id(entry.get("game_id"))), seats.playerOf(subject), tMs,
                KIND_PROBLEM, detail);
    }

    /** The entry's fields except the given ones, plus {@code source: "mug"}; null values dropped. */
    private static Map<String, Object> detail(JsonNode entry, String... without) {
        Map<String, Object> detail = toMap(entry);
        for (String field : without) {
            detail.remove(field);
        }
        detail.values().removeIf(v -> v == null);
        detail.put("source", MugPeerReport.SOURCE);
        return detail;
    }

    /** Which game and seat a subject is in, for log entries that only name the subject. */
    private record SeatIndex(Map<String, String> gameBySubject, Map<String, String> playerBySubject) {

        static SeatIndex of(Iterable<MugSession> sessions, JsonNode participants) {
            Map<String, String> games = new HashMap<>();
            Map<String, String> players = new HashMap<>();
            if (participants != null) {
                for (JsonNode participant : participants) {
                    String subject = text(participant, "subject_id");
                    String game = id(participant.get("current_game_id"));
                    if (subject != null && game != null) {
                        games.put(subject, game);
                    }
                }
            }
            for (MugSession session : sessions) { // a seat in a game outranks the participant's current game
                for (MugPlayer player : session.players()) {
                    if (player.subjectId() != null) {
                        games.put(player.subjectId(), session.gameId());
                        players.put(player.subjectId(), player.playerId());
                    }
                }
            }
            return new SeatIndex(games, players);
        }

        String gameOf(String subject, String named) {
            return named != null ? named : subject == null ? null : gameBySubject.get(subject);
        }

        String playerOf(String subject) {
            return subject == null ? null : playerBySubject.get(subject);
        }
    }
}
