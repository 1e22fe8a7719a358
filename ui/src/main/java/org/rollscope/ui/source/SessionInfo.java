package org.rollscope.ui.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rollscope.netcode.health.PeerSample;

/**
 * One session as a snapshot describes it (telemetry.md §3 {@code sessions_snapshot}).
 *
 * @param gameId the session
 * @param players seat ids in seat order; a seat may have no sample yet ("no report")
 * @param state the session's state as the server names it ({@code waiting}, {@code running}, {@code ended} ...)
 * @param ended true once the session is over; ended sessions stay listed, dimmed
 * @param createdMs wall-clock creation time in ms, or 0 when unknown
 * @param latestSamples latest sample per player id (may miss seats that never reported)
 * @param recentEvents recent events, oldest first
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionInfo(
        @JsonProperty("game_id") String gameId,
        @JsonProperty("players") List<String> players,
        @JsonProperty("state") String state,
        @JsonProperty("ended") boolean ended,
        @JsonProperty("created_ms") long createdMs,
        @JsonProperty("latest_samples") Map<String, PeerSample> latestSamples,
        @JsonProperty("recent_events") List<SessionEventRecord> recentEvents) {

    public SessionInfo {
        Objects.requireNonNull(gameId, "gameId");
        players = players == null ? List.of() : List.copyOf(players);
        state = state == null ? "" : state;
        latestSamples = latestSamples == null ? Map.of() : Map.copyOf(latestSamples);
        recentEvents = recentEvents == null ? List.of() : List.copyOf(recentEvents);
    }
}
