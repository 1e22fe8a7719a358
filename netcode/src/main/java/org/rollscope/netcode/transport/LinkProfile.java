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

    /** The keys of {@link #parse}/{@link #format}, in component order. */
    private static final String[] KEYS = {"latency", "jitter", "loss", "duplicate", "reorder", "bandwidth"};

    public LinkProfile {
        requireNonNegative("latency_ms", latencyMs);
        requireNonNegative("jitter_ms", jitterMs);
        requireProbability("loss", loss);
        requireProbability("duplicate", duplicate);
        requireProbability("reorder", reorder);
        requireNonNegative("bandwidth_kbps", bandwidthKbps);
    }

    /**
     * Parses the command-line form {@code latency=80,jitter=20,loss=0.1,duplicate=0.01,reorder=0.05,bandwidth=512}.
     *
     * <p>Keys (case-insensitive, any order, each at most once): {@code latency} and {@code jitter} in milliseconds
     * (an {@code ms} suffix is allowed), {@code loss}, {@code duplicate} (or {@code dup}) and {@code reorder} as
     * probabilities in [0, 1] (or percentages with a {@code %} suffix: {@code loss=10%}), {@code bandwidth} (or
     * {@code bw}) in kilobits per second (a {@code kbps} suffix is allowed; 0 = unlimited). Missing keys are 0, so
     * {@code ""} is {@link #PERFECT}. Blanks around keys and values are ignored. {@link #format()} is the inverse.
     *
     * @throws IllegalArgumentException naming the offending key or value: unknown key, a key given twice, a part
     *         without {@code =}, a value that is not a number, or a value out of range
     */
    public static LinkProfile parse(String text) {
        double[] values = new double[KEYS.length];
        boolean[] seen = new boolean[KEYS.length];
        for (String part : text.split(",", -1)) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("link profile part \"" + part.strip() + "\" is not key=value (keys: "
                        + String.join(", ", KEYS) + ")");
            }
            String key = part.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT);
            int k = keyIndex(key);
            if (seen[k]) {
                throw new IllegalArgumentException("link profile key \"" + KEYS[k] + "\" is given twice in \"" + text + "\"");
            }
            seen[k] = true;
            values[k] = number(KEYS[k], part.substring(eq + 1).strip());
        }
        return new LinkProfile(values[0], values[1], values[2], values[3], values[4], values[5]);
    }

    /**
     * This profile in the form {@link #parse} reads, every key present, numbers without needless digits: {@code
     * latency=80,jitter=20,loss=0.1,duplicate=0.01,reorder=0.05,bandwidth=512}.
     */
    public String format() {
        double[] values = {latencyMs, jitterMs, loss, duplicate, reorder, bandwidthKbps};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < KEYS.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            // Plain decimal from the shortest repr: parse(format()) gives back the same doubles.
            sb.append(KEYS[i]).append('=')
                    .append(java.math.BigDecimal.valueOf(values[i]).stripTrailingZeros().toPlainString());
        }
        return sb.toString();
    }

    private static int keyIndex(String key) {
        switch (key) {
            case "latency": return 0;
            case "jitter": return 1;
            case "loss": return 2;
            case "duplicate":
            case "dup": return 3;
            case "reorder": return 4;
            case "bandwidth":
            case "bw": return 5;
            default:
                throw new IllegalArgumentException("unknown link profile key \"" + key + "\" (keys: latency, jitter,"
                        + " loss, duplicate|dup, reorder, bandwidth|bw)");
        }
    }

    private static double number(String key, String value) {
        String digits = value;
        double divisor = 1;
        boolean probability = key.equals("loss") || key.equals("duplicate") || key.equals("reorder");
        if (probability && digits.endsWith("%")) {
            digits = digits.substring(0, digits.length() - 1).strip();
            divisor = 100;
        } else if ((key.equals("latency") || key.equals("jitter")) && digits.endsWith("ms")) {
            digits = digits.substring(0, digits.length() - 2).strip();
        } else if (key.equals("bandwidth") && digits.toLowerCase(java.util.Locale.ROOT).endsWith("kbps")) {
            digits = digits.substring(0, digits.length() - 4).strip();
        }
        if (digits.isEmpty() || !digits.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '-'
                || c == '+' || c == 'e' || c == 'E')) {
            throw new IllegalArgumentException("link profile " + key + " \"" + value + "\" is not a number");
        }
        try {
            return Double.parseDouble(digits) / divisor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("link profile " + key + " \"" + value + "\" is not a number", e);
        }
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
