package org.rollscope.netcode.observer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One session in a {@link SessionsSnapshot}.
 *
 * @param gameId the session's id
 * @param createdTMs wall-clock ms when the relay created it
 * @param gameSeed the seed sent to both peers in {@code pyodide_player_assigned}
 * @param ready whether both seats have been taken at least once ({@code pyodide_game_ready} was sent)
 * @param ended whether the session is over (both seats left, or a peer reported {@code ended})
 * @param players the seats taken so far, in seat order
 * @param events the most recent session events, oldest first (a bounded window, see the relay's config)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionSummary(
        @JsonProperty("game_id") String gameId,
        @JsonProperty("created_t_ms") long createdTMs,
        @JsonProperty("game_seed") long gameSeed,
        @JsonProperty("ready") boolean ready,
        @JsonProperty("ended") boolean ended,
        @JsonProperty("players") List<PlayerSummary> players,
        @JsonProperty("events") List<SessionEvent> events) {

    public SessionSummary {
        players = List.copyOf(players);
        events = List.copyOf(events);
    }
}
