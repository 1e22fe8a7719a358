package org.rollscope.netcode.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateHashesTest {

    private final StateHashes hashes = new StateHashes(2, 100);
    private final List<long[]> sent = new ArrayList<>();

    private void collect(long nowMs) {
        sent.clear();
        hashes.collectOutgoing(nowMs, (f, h) -> sent.add(new long[] {f, h}));
    }

    @Test
    void matchingHashesVerifyAndDifferentOnesCarryTheLocalState() {
        hashes.recordLocal(10, 5L, new int[] {1, 2});
        StateHashes.Comparison c = hashes.recordRemote(10, 5L, 100);
        assertEquals(10, hashes.verifiedFrame());
        StateHashes.Comparison bad = hashes.recordRemote(11, 9L, 100);
        assertNull(bad, "no local hash yet");
        bad = hashes.recordLocal(11, 8L, new int[] {3, 4});
        assertFalse(bad.matches());
        assertArrayEquals(new int[] {3, 4}, bad.localState());
        assertEquals(10, hashes.verifiedFrame());
        assertEquals(true, c.matches());
    }

    @Test
    void newHashIsSentOnceThenRepeatedUntilAnswered() {
        hashes.recordLocal(1, 7L, new int[2]);
        collect(0);
        assertEquals(1, sent.size());
        collect(50);
        assertEquals(0, sent.size(), "not before the resend interval");
        collect(100);
        assertEquals(1, sent.size(), "lost? sent again");
        hashes.recordRemote(1, 7L, 100);
        collect(300);
        assertEquals(0, sent.size(), "answered: no more repeats");
    }

    @Test
    void peerRepeatingAnAnsweredHashGetsOursBack() {
        hashes.recordLocal(1, 7L, new int[2]);
        collect(0);
        hashes.recordRemote(1, 7L, 100);
        collect(10);
        assertEquals(0, sent.size());
        hashes.recordRemote(1, 7L, 100); // the peer repeats: it never got ours
        collect(20);
        assertEquals(1, sent.size());
        assertEquals(1, sent.get(0)[0]);
    }

    @Test
    void hashesBeyondTheAcceptableFrameAreIgnored() {
        assertNull(hashes.recordRemote(500, 1L, 100));
        hashes.recordLocal(500, 2L, new int[2]);
        assertEquals(-1, hashes.verifiedFrame());
    }
}
