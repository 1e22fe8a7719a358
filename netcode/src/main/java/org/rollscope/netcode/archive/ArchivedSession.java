package org.rollscope.netcode.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One past (or still running) session as the archive summarises it: what {@code ctl history} prints and the
 * console's History view lists. Sent to observers in {@code archive_sessions}' acknowledgement.
 *
 * @param gameId the session
 * @param source where its rows came from ({@code relay URL}), the value of the exports' {@code source} column
 * @param firstTMs earliest sample or event (wall clock, ms)
 * @param lastTMs latest sample or event
 * @param durationMs {@code lastTMs - firstTMs}
 * @param players the seats that reported, sorted
 * @param samples samples archived
 * @param events events archived
 * @param fallbacks {@code fallback} events (switches to the relay)
 * @param desyncs {@code desync} events
 * @param maxRttMs worst P2P round trip of any sample, or null if none reported one
 * @param maxGapRate worst gap rate
 * @param maxBufferedAmount largest send buffer, bytes
 * @param ended whether the session ended (both seats left, or a peer said so) and was not re-taken since
 * @param worstHealth {@code healthy}, {@code degraded}, {@code critical} or {@code unknown}: the worst grade of its
 *     worst figures, by the console's thresholds
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ArchivedSession(
        @JsonProperty("game_id") String gameId,
        @JsonProperty("source") String source,
        @JsonProperty("first_t_ms") long firstTMs,
        @JsonProperty("last_t_ms") long lastTMs,
        @JsonProperty("duration_ms") long durationMs,
        @JsonProperty("players") List<String> players,
        @JsonProperty("samples") long samples,
        @JsonProperty("events") long events,
        @JsonProperty("fallbacks") long fallbacks,
        @JsonProperty("desyncs") long desyncs,
        @JsonProperty("max_rtt_ms") Double maxRttMs,
        @JsonProperty("max_gap_rate") Double maxGapRate,
        @JsonProperty("max_buffered_amount") Long maxBufferedAmount,
        @JsonProperty("ended") boolean ended,
        @JsonProperty("worst_health") String worstHealth) {

    public ArchivedSession {
        players = players == null ? List.of() : List.copyOf(players);
    }
}
