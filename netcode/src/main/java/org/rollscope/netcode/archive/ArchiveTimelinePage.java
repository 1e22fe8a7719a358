package org.rollscope.netcode.archive;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * One page of an archived session's timeline, as {@code archive_timeline} acknowledges it (docs/relay-protocol.md).
 *
 * @param session the session's summary
 * @param samples up to the page's limit, in export order
 * @param events every event in the time range on the first page (a request without {@code after}); empty after
 * @param next where the next page starts, or null when this was the last
 * @param totalSamples samples in the whole range (first page only; -1 after), for progress
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ArchiveTimelinePage(
        @JsonProperty("session") ArchivedSession session,
        @JsonProperty("samples") List<PeerSample> samples,
        @JsonProperty("events") List<SessionEvent> events,
        @JsonProperty("next") SampleCursor next,
        @JsonProperty("total_samples") long totalSamples) {

    public ArchiveTimelinePage {
        samples = samples == null ? List.of() : List.copyOf(samples);
        events = events == null ? List.of() : List.copyOf(events);
    }
}
