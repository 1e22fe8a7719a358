package org.rollscope.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.archive.ArchivedSession;

/** The History's orders and its game/player filter, on summaries as the archive sends them. */
class HistorySortAndFilterTest {

    private static ArchivedSession session(String game, long first, long durationMs, String health, String... seats) {
        return new ArchivedSession(game, "relay x", first, first + durationMs, durationMs, List.of(seats), 10, 2, 0, 0,
                null, null, null, true, health);
    }

    private final List<ArchivedSession> sessions = List.of(
            session("old-long", 1_000, 90_000, "healthy", "0", "1"),
            session("mid-critical", 2_000, 10_000, "critical", "alice", "bob"),
            session("new-short", 3_000, 5_000, "degraded", "0", "1"),
            session("newest-unknown", 4_000, 5_000, "unknown", "p"));

    private List<String> sorted(HistorySort sort) {
        return sessions.stream().sorted(sort.order()).map(ArchivedSession::gameId).toList();
    }

    @Test
    void startIsNewestFirstDurationLongestFirstHealthWorstFirst() {
        assertEquals(List.of("newest-unknown", "new-short", "mid-critical", "old-long"), sorted(HistorySort.START));
        // Equal durations: the newer first.
        assertEquals(List.of("old-long", "mid-critical", "newest-unknown", "new-short"), sorted(HistorySort.DURATION));
        assertEquals(List.of("mid-critical", "new-short", "old-long", "newest-unknown"),
                sorted(HistorySort.WORST_HEALTH));
    }

    @Test
    void theFilterMatchesGameOrPlayerIgnoringCaseAndBlanksMatchEverything() {
        assertEquals(List.of("mid-critical"), filtered("  ALICE "));
        assertEquals(List.of("new-short", "newest-unknown"), filtered("new"));
        assertEquals(4, filtered("").size());
        assertEquals(4, filtered(null).size());
        assertEquals(List.of(), filtered("nobody"));
    }

    private List<String> filtered(String text) {
        return sessions.stream().filter(HistoryFilter.of(text)).map(ArchivedSession::gameId).toList();
    }
}
