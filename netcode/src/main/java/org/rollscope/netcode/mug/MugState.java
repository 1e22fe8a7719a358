package org.rollscope.netcode.mug;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * One {@code state_update} mapped by {@link MugStateMapper}: pure data, not deduplicated against earlier updates
 * (that is {@link MugTracker}'s job).
 *
 * @param tMs the state's time: MUG's {@code summary.timestamp} (epoch seconds → ms), or the receive time when absent;
 *     health reports are aged against it, so the observer's clock does not matter
 * @param sessions every game of {@code multiplayer_games} then {@code completed_games} (ended), server order
 * @param events every entry of {@code activity_log} and {@code problems}, oldest first (MUG resends its whole log
 *     each time; {@link MugTracker} reports each once and adds the {@code ended} events)
 * @param malformed entries skipped because they were not readable (no {@code game_id}, wrong types...)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MugState(
        @JsonProperty("t_ms") long tMs,
        @JsonProperty("sessions") List<MugSession> sessions,
        @JsonProperty("events") List<SessionEvent> events,
        @JsonProperty("malformed") int malformed) {

    public MugState {
        sessions = List.copyOf(sessions);
        events = List.copyOf(events);
    }
}
