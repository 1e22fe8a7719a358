package org.rollscope.netcode.observer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.rollscope.netcode.health.PeerSample;

/**
 * The payload of {@code peer_telemetry} from the relay to an observer: the samples that arrived since the previous
 * batch (at most 100 ms late), each stamped with the seat it came from.
 *
 * @param samples samples in arrival order
 * @param dropped samples the relay dropped for this observer since the previous batch because its queue was full
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TelemetryBatch(
        @JsonProperty("samples") List<PeerSample> samples,
        @JsonProperty("dropped") long dropped) {

    public TelemetryBatch {
        samples = List.copyOf(samples);
    }
}
