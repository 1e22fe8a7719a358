package org.rollscope.ui.fx;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * How figures are written on screen. Unknown values ({@code null}) are always {@link #UNKNOWN}, never "0": a missing
 * RTT and a zero RTT mean different things to an operator.
 */
public final class Formats {

    /** What an unknown value looks like. */
    public static final String UNKNOWN = "—";

    /**
     * The one name of a seat in the console (cards, chart legends, markers): its position in the session, from 0 as
     * in the protocol's player index and {@code --player 0}; a player id that is not that number follows it.
     */
    public static String seat(int index, String playerId) {
        String name = "seat " + index;
        return playerId == null || playerId.equals(String.valueOf(index)) ? name : name + " · " + playerId;
    }

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Formats() {}

    public static String integer(Number n) {
        return n == null ? UNKNOWN : String.format(Locale.ROOT, "%,d", n.longValue());
    }

    /** A frame number; {@code NULL_FRAME} (−1) reads as "none yet". */
    public static String frame(Integer frame) {
        if (frame == null) {
            return UNKNOWN;
        }
        return frame < 0 ? "none" : String.format(Locale.ROOT, "%,d", frame);
    }

    public static String signedFrames(Number frames) {
        if (frames == null) {
            return UNKNOWN;
        }
        double v = frames.doubleValue();
        return Math.abs(v - Math.rint(v)) < 1e-9
                ? String.format(Locale.ROOT, "%+d", (long) Math.rint(v))
                : String.format(Locale.ROOT, "%+.1f", v);
    }

    public static String millis(Double ms) {
        if (ms == null) {
            return UNKNOWN;
        }
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /** A ratio in [0, 1] as a percentage. */
    public static String percent(Double ratio) {
        return ratio == null ? UNKNOWN : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    public static String bytes(Long bytes) {
        if (bytes == null) {
            return UNKNOWN;
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    public static String decimal(Double v, String unit) {
        return v == null ? UNKNOWN : String.format(Locale.ROOT, "%.1f%s", v, unit);
    }

    /** A simulation step: microseconds are the usual scale, so they are shown as such below a millisecond. */
    public static String stepTime(Double ms) {
        if (ms == null) {
            return UNKNOWN;
        }
        return ms < 1 ? String.format(Locale.ROOT, "%.0f µs", ms * 1000) : String.format(Locale.ROOT, "%.2f ms", ms);
    }

    public static String text(String s) {
        return s == null || s.isEmpty() ? UNKNOWN : s;
    }

    public static String link(LinkProfile link) {
        if (link == null) {
            return UNKNOWN;
        }
        if (link.isPerfect()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%.0f±%.0f ms", link.latencyMs(), link.jitterMs()));
        if (link.loss() > 0) b.append(String.format(Locale.ROOT, ", loss %.1f%%", link.loss() * 100));
        if (link.duplicate() > 0) b.append(String.format(Locale.ROOT, ", dup %.1f%%", link.duplicate() * 100));
        if (link.reorder() > 0) b.append(String.format(Locale.ROOT, ", reorder %.1f%%", link.reorder() * 100));
        if (link.bandwidthKbps() > 0) b.append(String.format(Locale.ROOT, ", %.0f kbps", link.bandwidthKbps()));
        return b.toString();
    }

    private static final DateTimeFormatter CLOCK_SECONDS =
            DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    /** Wall-clock time to the second, for tables. */
    public static String clockSeconds(long epochMs) {
        return CLOCK_SECONDS.format(Instant.ofEpochMilli(epochMs));
    }

    public static String clock(long epochMs) {
        return CLOCK.format(Instant.ofEpochMilli(epochMs));
    }

    /** A duration in ms as {@code 1h 02m 03s} / {@code 2m 03s} / {@code 12s}. */
    public static String duration(long ms) {
        long s = Math.max(0, ms) / 1000;
        if (s >= 3600) return String.format(Locale.ROOT, "%dh %02dm %02ds", s / 3600, s / 60 % 60, s % 60);
        if (s >= 60) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return s + "s";
    }
}
