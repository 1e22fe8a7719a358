package org.rollscope.netcode.observer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The relay's {@code sessions_snapshot}: every session it knows, sent to an observer on connect and on
 * {@code request_snapshot}.
 *
 * @param tMs wall-clock ms when the relay built it
 * @param sessions every session, oldest first
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionsSnapshot(
        @JsonProperty("t_ms") long tMs,
        @JsonProperty("sessions") List<SessionSummary> sessions) {

    public SessionsSnapshot {
        sessions = List.copyOf(sessions);
    }
}
