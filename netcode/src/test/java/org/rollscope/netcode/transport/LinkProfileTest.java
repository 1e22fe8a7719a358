package org.rollscope.netcode.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinkProfileTest {

    private static void assertRejected(String text, String... named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LinkProfile.parse(text),
                () -> "\"" + text + "\" should be rejected");
        for (String n : named) {
            assertTrue(e.getMessage().contains(n), () -> "message \"" + e.getMessage() + "\" should name " + n);
        }
    }

    @Test
    void parsesEveryKey() {
        LinkProfile p = LinkProfile.parse("latency=80,jitter=20,loss=0.1,duplicate=0.01,reorder=0.05,bandwidth=512");
        assertEquals(new LinkProfile(80, 20, 0.1, 0.01, 0.05, 512), p);
    }

    @Test
    void missingKeysAreZero() {
        assertEquals(new LinkProfile(120, 0, 0.3, 0, 0, 0), LinkProfile.parse("loss=0.3,latency=120"));
        assertEquals(LinkProfile.PERFECT, LinkProfile.parse(""));
        assertTrue(LinkProfile.parse(" ").isPerfect());
    }

    @Test
    void shortKeysUnitsBlanksAndCaseAreAccepted() {
        assertEquals(new LinkProfile(80, 20.5, 0.1, 0.02, 0, 256),
                LinkProfile.parse(" Latency = 80ms , jitter=20.5 ms, loss=10%, dup=2 %, bw=256kbps,"));
    }

    @Test
    void unknownKeyIsRejectedByName() {
        assertRejected("latency=80,delay=5", "delay");
    }

    @Test
    void badNumberIsRejectedNamingKeyAndValue() {
        assertRejected("latency=80,jitter=abc", "jitter", "abc");
        assertRejected("loss=", "loss");
        assertRejected("loss=0.1.2", "loss", "0.1.2");
        assertRejected("latency=NaN", "latency", "NaN");
        assertRejected("bandwidth=1d", "bandwidth", "1d");
    }

    @Test
    void partWithoutEqualsIsRejected() {
        assertRejected("latency=80,lossy", "lossy");
    }

    @Test
    void keyGivenTwiceIsRejected() {
        assertRejected("dup=0.1,duplicate=0.2", "duplicate", "twice");
    }

    @Test
    void outOfRangeValueIsRejected() {
        assertRejected("loss=1.5", "loss", "1.5");
        assertRejected("latency=-5", "latency", "-5");
        assertRejected("reorder=200%", "reorder", "2.0");
    }

    @Test
    void formatWritesEveryKeyWithoutNeedlessDigits() {
        assertEquals("latency=80,jitter=20,loss=0.1,duplicate=0.01,reorder=0.05,bandwidth=512",
                new LinkProfile(80, 20, 0.1, 0.01, 0.05, 512).format());
        assertEquals("latency=0,jitter=0,loss=0,duplicate=0,reorder=0,bandwidth=0", LinkProfile.PERFECT.format());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "latency=80,jitter=20,loss=0.1,duplicate=0.01,reorder=0.05,bandwidth=512",
        "latency=0.001,loss=0.0001,reorder=1",
        "latency=250,jitter=30,loss=0.3,dup=0.333333333333333,bw=12345.678",
        "jitter=1e-7,bandwidth=1e9",
    })
    void parseOfFormatGivesTheSameProfile(String text) {
        LinkProfile p = LinkProfile.parse(text);
        assertEquals(p, LinkProfile.parse(p.format()), p.format());
    }
}
