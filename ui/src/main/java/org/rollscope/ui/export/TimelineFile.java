package org.rollscope.ui.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.timeline.TimelineMeta;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceCapabilities;

/**
 * A timeline as the JSON export holds it: {@code {meta, samples, events}} (telemetry.md §4). Samples and events are
 * in the order they were received.
 */
public record TimelineFile(
        @JsonProperty("meta") Meta meta,
        @JsonProperty("samples") List<PeerSample> samples,
        @JsonProperty("events") List<SessionEventRecord> events) {

    /** Value of {@code meta.format}: how a reader knows the file is one of ours (one definition, the archive's too). */
    public static final String FORMAT = TimelineMeta.FORMAT;
    public static final int VERSION = TimelineMeta.VERSION;

    public TimelineFile {
        samples = samples == null ? List.of() : List.copyOf(samples);
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * The console's reading of {@code meta}: the same fields as the archive's {@link TimelineMeta}, but its sessions
     * are the console's {@link SessionInfo} (with their latest samples and events), which netcode cannot name.
     *
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
     * @param reportedFields the telemetry fields the source filled in ({@code ["*"]}: all); the others are unknown
     *     in every sample, whatever value the record holds (a MUG server reports only transport, RTT and episode)
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
            @JsonProperty("sample_columns") List<String> sampleColumns,
            @JsonProperty("reported_fields") List<String> reportedFields) {

        public Meta {
            sessions = sessions == null ? List.of() : List.copyOf(sessions);
            sampleColumns = sampleColumns == null ? List.of() : List.copyOf(sampleColumns);
            // A file written before this field existed came from a relay: everything was reported.
            reportedFields = reportedFields == null ? List.copyOf(SourceCapabilities.ALL_FIELDS)
                    : List.copyOf(reportedFields);
        }

        /** True when the source filled in {@code field} (telemetry.md name). */
        public boolean reports(String field) {
            return reportedFields.contains("*") || reportedFields.contains(field);
        }
    }
}
