package org.rollscope.netcode.transport;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Impairment applied to one sending side of a link (telemetry.md §1 {@code link}).
 *
 * @param latencyMs one-way delay added to every packet, in milliseconds
 * @param jitterMs extra delay, uniform in {@code [0, jitterMs]}, per packet
 * @param loss probability in [0, 1] that a packet is dropped
 * @param duplicate probability in [0, 1] that a packet is sent twice
 * @param reorder probability in [0, 1] that a packet is held back behind the next one
 * @param bandwidthKbps sending rate in kilobits per second; 0 means unlimited
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LinkProfile(
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("jitter_ms") double jitterMs,
        @JsonProperty("loss") double loss,
        @JsonProperty("duplicate") double duplicate,
        @JsonProperty("reorder") double reorder,
        @JsonProperty("bandwidth_kbps") double bandwidthKbps) {

    /** A perfect link: no delay, no loss, unlimited bandwidth. */
    public static final LinkProfile PERFECT = new LinkProfile(0, 0, 0, 0, 0, 0);

    public LinkProfile {
        requireNonNegative("latency_ms", latencyMs);
        requireNonNegative("jitter_ms", jitterMs);
        requireProbability("loss", loss);
        requireProbability("duplicate", duplicate);
        requireProbability("reorder", reorder);
        requireNonNegative("bandwidth_kbps", bandwidthKbps);
    }

    /** True when this profile changes nothing. */
    public boolean isPerfect() {
        return equals(PERFECT);
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability in [0, 1], got " + value);
        }
    }
}
