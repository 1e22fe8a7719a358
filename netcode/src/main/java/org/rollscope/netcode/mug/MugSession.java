package org.rollscope.netcode.mug;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One MUG multiplayer game as a Rollscope session.
 *
 * @param gameId MUG's {@code game_id}
 * @param createdTMs {@code created_at} (epoch seconds → ms), or {@code null}
 * @param gameType MUG's {@code game_type}, or {@code null}
 * @param currentEpisode {@code current_episode}, or {@code null}
 * @param sessionHealth MUG's {@code session_health}, or {@code null}
 * @param ended whether the game is over: {@code termination} set, listed in {@code completed_games}, or gone from
 *     the server's list after having been seen (then {@code termination} is {@code {"reason": "no_longer_listed"}})
 * @param termination MUG's termination object once ended (never null when {@code ended}), else {@code null}
 * @param players the seats in MUG's order
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MugSession(
        @JsonProperty("game_id") String gameId,
        @JsonProperty("created_t_ms") Long createdTMs,
        @JsonProperty("game_type") String gameType,
        @JsonProperty("current_episode") Integer currentEpisode,
        @JsonProperty("session_health") String sessionHealth,
        @JsonProperty("ended") boolean ended,
        @JsonProperty("termination") Map<String, Object> termination,
        @JsonProperty("players") List<MugPlayer> players) {

    public MugSession {
        players = List.copyOf(players);
        termination = termination == null ? null : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(termination));
    }

    /**
     * This session with every current report marked expired: for a game MUG no longer lists, whose last reports
     * will never be refreshed (and would otherwise look current forever).
     */
    public MugSession withReportsExpired() {
        List<MugPlayer> aged = players.stream().map(p -> p.report() == null ? p : new MugPlayer(p.playerId(),
                p.subjectId(), p.connectionStatus(), MugPlayer.REPORT_EXPIRED, null)).toList();
        return new MugSession(gameId, createdTMs, gameType, currentEpisode, sessionHealth, ended, termination, aged);
    }

    /** This session, ended with the given termination (used when a game vanishes or completes). */
    public MugSession ended(Map<String, Object> why) {
        return new MugSession(gameId, createdTMs, gameType, currentEpisode, sessionHealth, true, why, players);
    }
}
