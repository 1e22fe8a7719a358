package org.rollscope.ui.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.testing.Fx;

class EventLogTest {

    private static SessionEventRecord e(long t, String game, String player, String kind, String detail) {
        return new SessionEventRecord(game, player, t, kind, detail);
    }

    @Test
    void keepsTheNewestFirstAndDropsTheOldestWhenFull() {
        Fx.run(() -> {
            EventLog log = new EventLog(3);
            for (int i = 0; i < 5; i++) {
                log.append(e(i, "g", null, "command", "c" + i));
            }
            assertEquals(List.of("c4", "c3", "c2"), log.entries().stream().map(SessionEventRecord::detail).toList());
            assertEquals(2, log.discarded());
        });
    }

    @Test
    void filtersByKindAndByTextInAnyField() {
        Fx.run(() -> {
            EventLog log = new EventLog(100);
            log.append(e(1, "g1", "p1", "fallback", "rtt_ms > 300 for 1.5 s"));
            log.append(e(2, "g1", "p2", "joined", "subject s-117"));
            log.append(e(3, "g2", null, "fallback", "gap_rate > 0.2 for 5 s"));
            log.kindFilterProperty().set("fallback");
            assertEquals(2, log.filtered().size());
            log.filterTextProperty().set("GAP");
            assertEquals(List.of(3L), log.filtered().stream().map(SessionEventRecord::tMs).toList());
            log.kindFilterProperty().set(EventLog.ALL_KINDS);
            log.filterTextProperty().set("p2");
            assertEquals(List.of(2L), log.filtered().stream().map(SessionEventRecord::tMs).toList());
            log.filterTextProperty().set("");
            assertEquals(3, log.filtered().size());
            assertEquals(List.of(EventLog.ALL_KINDS, "fallback", "joined"), log.kindsSeen());
        });
    }

    @Test
    void newEventsRespectTheActiveFilter() {
        Fx.run(() -> {
            EventLog log = new EventLog(100);
            log.kindFilterProperty().set("desync");
            log.append(e(1, "g1", "p1", "fallback", ""));
            log.append(e(2, "g1", "p1", "desync", "frame 812"));
            assertEquals(1, log.filtered().size());
        });
    }

    @Test
    void appendingOffTheFxThreadIsRefused() {
        EventLog log = Fx.call(() -> new EventLog(10));
        assertThrows(IllegalStateException.class, () -> log.append(e(1, "g", null, "x", "")));
    }
}
