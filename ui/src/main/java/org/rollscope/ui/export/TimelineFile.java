package org.rollscope.ui.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;

/**
 * A timeline as the JSON export holds it: {@code {meta, samples, events}} (telemetry.md §4). Samples and events are
 * in the order they were received.
 */
public record TimelineFile(
        @JsonProperty("meta") Meta meta,
        @JsonProperty("samples") List<PeerSample> samples,
        @JsonProperty("events") List<SessionEventRecord> events) {

    /** Value of {@code meta.format}: how a reader knows the file is one of ours. */
    public static final String FORMAT = "rollscope-timeline";
    public static final int VERSION = 1;

    public TimelineFile {
        samples = samples == null ? List.of() : List.copyOf(samples);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * @param format always {@link #FORMAT}
     * @param version {@link #VERSION}
     * @param source what the console was connected to
     * @param exportedAtMs wall-clock export time
     * @param sessions the sessions covered (players, state, ended), without their samples
     * @param firstTMs earliest sample or event time, 0 if empty
     * @param lastTMs latest sample or event time, 0 if empty
     * @param droppedSamples samples the recorder had to let go (its capacity was reached) before this export
     * @param droppedEvents events the recorder had to let go
     * @param sampleColumns the CSV column order, for readers of the CSV that look here
     */
    public record Meta(
            @JsonProperty("format") String format,
            @JsonProperty("version") int version,
            @JsonProperty("source") String source,
            @JsonProperty("exported_at_ms") long exportedAtMs,
            @JsonProperty("sessions") List<SessionInfo> sessions,
            @JsonProperty("first_t_ms") long firstTMs,
            @JsonProperty("last_t_ms") long lastTMs,
            @JsonProperty("dropped_samples") long droppedSamples,
            @JsonProperty("dropped_events") long droppedEvents,
            @JsonProperty("sample_columns") List<String> sampleColumns) {

        public Meta {
            sessions = sessions == null ? List.of() : List.copyOf(sessions);
            sampleColumns = sampleColumns == null ? List.of() : List.copyOf(sampleColumns);
        }
    }
}
