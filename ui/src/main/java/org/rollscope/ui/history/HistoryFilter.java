package org.rollscope.ui.history;

import java.util.Locale;
import java.util.function.Predicate;
import org.rollscope.netcode.archive.ArchivedSession;

/** The History's text filter: a session matches when its game id or one of its seats' player ids contains it. */
final class HistoryFilter {

    private HistoryFilter() {
    }

    /** Blank text matches everything; matching ignores case and surrounding spaces. */
    static Predicate<ArchivedSession> of(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return s -> true;
        }
        return s -> contains(s.gameId(), needle) || s.players().stream().anyMatch(p -> contains(p, needle));
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }
}
