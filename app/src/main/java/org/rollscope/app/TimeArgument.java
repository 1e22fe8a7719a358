package org.rollscope.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A point in time on the command line ({@code ctl history --since}, {@code ctl export --until}): an ISO instant
 * ({@code 2026-12-01T09:30:00Z}), a local date or date-time ({@code 2026-12-01}, {@code 2026-12-01T09:30}, this
 * machine's zone), epoch milliseconds, or an age ({@code 90m}, {@code 24h}, {@code 7d}: that long before now).
 */
final class TimeArgument {
    private TimeArgument() {
    }

    /** Epoch ms. Throws IllegalArgumentException naming the text and the accepted forms. */
    static long parse(String text, long nowMs, ZoneId zone) {
        String t = text.trim();
        try {
            if (t.matches("\\d+[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                Duration age = switch (t.toLowerCase(Locale.ROOT).charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                return nowMs - age.toMillis();
            }
            if (t.matches("\\d{9,}")) {
                return Long.parseLong(t);
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Instant.parse(t).toEpochMilli();
            }
            if (t.contains("T")) {
                return LocalDateTime.parse(t).atZone(zone).toInstant().toEpochMilli();
            }
            return LocalDate.parse(t).atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read the time \"" + text + "\": give an ISO time "
                    + "(2026-12-01T09:30:00Z, 2026-12-01T09:30, 2026-12-01), epoch milliseconds, or an age "
                    + "(90m, 24h, 7d)");
        }
    }
}
