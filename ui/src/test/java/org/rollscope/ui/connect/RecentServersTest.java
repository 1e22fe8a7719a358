package org.rollscope.ui.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecentServersTest {

    private final Preferences node = Preferences.userRoot().node("org/rollscope/test/recent-" + System.nanoTime());

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void newestFirstWithoutDuplicatesAndCapped() {
        RecentServers recent = new RecentServers(node);
        for (int i = 0; i < RecentServers.CAPACITY + 3; i++) recent.remember("http://relay-" + i + ":8765");
        recent.remember("http://relay-5:8765");
        List<String> urls = new RecentServers(node).relayUrls();
        assertEquals(RecentServers.CAPACITY, urls.size());
        assertEquals("http://relay-5:8765", urls.get(0));
        assertEquals("http://relay-10:8765", urls.get(1));
        assertEquals(1, urls.stream().filter("http://relay-5:8765"::equals).count());
    }

    @Test
    void onlyUrlsAreStored() throws Exception {
        new RecentServers(node).remember("http://127.0.0.1:8765");
        assertEquals(List.of("recentRelayUrls"), List.of(node.keys()));
        assertEquals("http://127.0.0.1:8765", node.get("recentRelayUrls", null));
    }
}
