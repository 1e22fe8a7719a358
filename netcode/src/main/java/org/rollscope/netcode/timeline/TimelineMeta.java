package org.rollscope.netcode.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code meta} of a JSON timeline (telemetry.md §4), as an export from the relay archive writes it: the same
 * fields, in the same order, as the console's ({@code ui.export.TimelineFile.Meta}), so the console opens either.
 * Its sessions carry no latest samples or recent events (the console fills those in from the samples).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TimelineMeta(
        @JsonProperty("format") String format,
        @JsonProperty("version") int version,
        @JsonProperty("source") String source,
        @JsonProperty("exported_at_ms") long exportedAtMs,
        @JsonProperty("sessions") List<Session> sessions,
        @JsonProperty("first_t_ms") long firstTMs,
        @JsonProperty("last_t_ms") long lastTMs,
        @JsonProperty("dropped_samples") long droppedSamples,
        @JsonProperty("dropped_events") long droppedEvents,
        @JsonProperty("sample_columns") List<String> sampleColumns,
        @JsonProperty("reported_fields") List<String> reportedFields) {

    /** Value of {@code meta.format}: how a reader knows the file is one of ours. */
    public static final String FORMAT = "rollscope-timeline";
    public static final int VERSION = 1;

    /** One session in {@code meta.sessions}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Session(
            @JsonProperty("game_id") String gameId,
            @JsonProperty("players") List<String> players,
            @JsonProperty("state") String state,
            @JsonProperty("ended") boolean ended,
            @JsonProperty("created_ms") long createdMs) {
    }
}
