package org.rollscope.ui.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One session event (telemetry.md §3 {@code session_event}).
 *
 * @param gameId the session
 * @param playerId the seat it concerns, or {@code null} for the whole session
 * @param tMs wall-clock time in ms
 * @param kind {@code created}, {@code joined}, {@code left}, {@code p2p_up}, {@code fallback}, {@code p2p_restored},
 *     {@code desync}, {@code episode_end}, {@code export_stored}, {@code command}, {@code ended}, or a kind added later
 * @param detail free text from the server (the reason of a fallback, the command and its outcome); never null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionEventRecord(
        @JsonProperty("game_id") String gameId,
        @JsonProperty("player_id") String playerId,
        @JsonProperty("t_ms") long tMs,
        @JsonProperty("kind") String kind,
        @JsonProperty("detail") String detail) {

    public static final String CREATED = "created";
    public static final String JOINED = "joined";
    public static final String LEFT = "left";
    public static final String P2P_UP = "p2p_up";
    public static final String FALLBACK = "fallback";
    public static final String P2P_RESTORED = "p2p_restored";
    public static final String DESYNC = "desync";
    public static final String EPISODE_END = "episode_end";
    public static final String EXPORT_STORED = "export_stored";
    public static final String COMMAND = "command";
    public static final String ENDED = "ended";

    public SessionEventRecord {
        Objects.requireNonNull(gameId, "gameId");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
