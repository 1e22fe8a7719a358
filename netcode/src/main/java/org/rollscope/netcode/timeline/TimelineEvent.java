package org.rollscope.netcode.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * A session event as the exports write it: its structured detail flattened to one readable line.
 *
 * @param gameId the session
 * @param playerId the seat it concerns, or null for the whole session
 * @param tMs wall-clock ms
 * @param kind the event's kind ({@link SessionEvent}'s {@code KIND_*}, or one added later)
 * @param detail {@code key=value} pairs, never null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimelineEvent(
        @JsonProperty("game_id") String gameId,
        @JsonProperty("player_id") String playerId,
        @JsonProperty("t_ms") long tMs,
        @JsonProperty("kind") String kind,
        @JsonProperty("detail") String detail) {

    public TimelineEvent {
        Objects.requireNonNull(gameId, "gameId");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    /** The relay's event as a timeline row. */
    public static TimelineEvent of(SessionEvent e) {
        return new TimelineEvent(e.gameId(), e.playerId(), e.tMs(), e.kind(), detailText(e.detail()));
    }

    /**
     * A structured detail as one line, {@code command=force_fallback, ok=true, reason=rtt}: keys sorted at every
     * level, so the same event reads the same in every export (a map's own order differs between processes).
     */
    public static String detailText(Map<String, Object> detail) {
        if (detail == null || detail.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(detail).forEach((k, v) -> {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(k).append('=').append(value(v));
        });
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static String value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return "{" + detailText((Map<String, Object>) m) + "}";
        }
        return String.valueOf(v);
    }
}
