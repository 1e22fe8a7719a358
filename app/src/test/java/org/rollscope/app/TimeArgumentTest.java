package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final long NOW = 1_800_000_000_000L;

    @Test
    void isoInstantsDatesEpochMillisAndAgesAreRead() {
        assertEquals(1_764_581_400_000L, TimeArgument.parse("2025-12-01T09:30:00Z", NOW, UTC));
        assertEquals(1_764_581_400_000L, TimeArgument.parse("2025-12-01T09:30", NOW, UTC));
        assertEquals(1_764_547_200_000L, TimeArgument.parse("2025-12-01", NOW, UTC));
        assertEquals(1_764_581_400_000L, TimeArgument.parse("1764581400000", NOW, UTC));
        assertEquals(NOW - 24 * 3_600_000L, TimeArgument.parse("24h", NOW, UTC));
        assertEquals(NOW - 7 * 86_400_000L, TimeArgument.parse("7d", NOW, UTC));
        assertEquals(NOW - 90 * 60_000L, TimeArgument.parse("90m", NOW, UTC));
    }

    @Test
    void anythingElseIsRefusedNamingTheAcceptedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeArgument.parse("yesterday", NOW, UTC));
        assertEquals(true, e.getMessage().contains("24h"));
    }
}
