package org.rollscope.ui.history;

import java.util.Comparator;
import org.rollscope.netcode.archive.ArchivedSession;

/** The History's orders: each puts what a reader looks for first at the top, ties broken by newest start. */
public enum HistorySort {
    /** Newest first. */
    START("Start time", Comparator.comparingLong(ArchivedSession::firstTMs).reversed()),
    /** Longest first. */
    DURATION("Duration", Comparator.comparingLong(ArchivedSession::durationMs).reversed()),
    /** Critical, then degraded, healthy, unknown. */
    WORST_HEALTH("Worst health", Comparator.comparingInt((ArchivedSession s) -> healthRank(s.worstHealth())).reversed());

    private final String label;
    private final Comparator<ArchivedSession> order;

    HistorySort(String label, Comparator<ArchivedSession> order) {
        this.label = label;
        this.order = order.thenComparing(Comparator.comparingLong(ArchivedSession::firstTMs).reversed())
                .thenComparing(ArchivedSession::gameId);
    }

    public String label() {
        return label;
    }

    public Comparator<ArchivedSession> order() {
        return order;
    }

    /** The archive's {@code worst_health} as a rank: unknown 0 (nothing to grade) up to critical 3. */
    static int healthRank(String worstHealth) {
        if (worstHealth == null) {
            return 0;
        }
        return switch (worstHealth) {
            case "healthy" -> 1;
            case "degraded" -> 2;
            case "critical" -> 3;
            default -> 0;
        };
    }
}
