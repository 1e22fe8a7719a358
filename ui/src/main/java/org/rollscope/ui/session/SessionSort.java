package org.rollscope.ui.session;

import java.util.Comparator;

/** Orders of the session list. Ended sessions always sort after live ones. */
public enum SessionSort {
    HEALTH("Worst health first", Comparator.comparing((SessionViewModel s) -> s.health().ordinal()).reversed()
            .thenComparing(SessionViewModel::gameId)),
    NEWEST("Newest first", Comparator.comparingLong(SessionViewModel::firstSeenMs).reversed()
            .thenComparing(SessionViewModel::gameId)),
    NAME("Game id", Comparator.comparing(SessionViewModel::gameId));

    private final String label;
    private final Comparator<SessionViewModel> order;

    SessionSort(String label, Comparator<SessionViewModel> order) {
        this.label = label;
        this.order = order;
    }

    /** The full order: live sessions before ended ones, then this sort. */
    public Comparator<SessionViewModel> comparator() {
        return Comparator.comparing(SessionViewModel::isEnded).thenComparing(order);
    }

    @Override
    public String toString() {
        return label;
    }
}
