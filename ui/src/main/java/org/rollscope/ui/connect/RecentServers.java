package org.rollscope.ui.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The relay URLs this user connected to lately, newest first, kept in the user's Java preferences (on Linux under
 * {@code ~/.java/.userPrefs}). Only URLs: a token or a password is never stored, so a shared machine never leaks one.
 * Any thread; a preferences store that cannot be written loses the list, never the connection.
 */
public final class RecentServers {

    /** Enough to cover a lab's handful of relays without the list becoming a history. */
    public static final int CAPACITY = 8;
    private static final String KEY = "recentRelayUrls";

    private final Preferences node;

    /** The console's own preferences node. */
    public RecentServers() {
        this(Preferences.userRoot().node("org/rollscope/console"));
    }

    /** A given node (tests use a throwaway one). */
    public RecentServers(Preferences node) {
        this.node = node;
    }

    /** Newest first; empty when none or the store is unreadable. */
    public synchronized List<String> relayUrls() {
        List<String> urls = new ArrayList<>();
        for (String line : node.get(KEY, "").split("\n")) {
            if (!line.isBlank()) urls.add(line.strip());
        }
        return urls;
    }

    /** Puts {@code url} first, dropping an older copy and anything beyond {@link #CAPACITY}. */
    public synchronized void remember(String url) {
        if (url == null || url.isBlank()) return;
        List<String> urls = relayUrls();
        urls.remove(url.strip());
        urls.add(0, url.strip());
        node.put(KEY, String.join("\n", urls.subList(0, Math.min(CAPACITY, urls.size()))));
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // the list is a convenience: an unwritable store must not stop the console from connecting
        }
    }
}
