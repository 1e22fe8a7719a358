package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The offerer rule as MUG's page applies it: numbers numerically, text as Chromium's {@code localeCompare}. */
class MugIdOrderTest {

    @Test
    void numbersCompareAsNumbers() {
        assertTrue(MugIdOrder.offers("9", "10"), "9 < 10, not '1' < '9'");
        assertFalse(MugIdOrder.offers("10", "9"));
        assertTrue(MugIdOrder.offers("0", "1"));
    }

    @Test
    void textComparesAsChromiumsLocaleCompare() {
        assertTrue(MugIdOrder.offers("pilot-a", "pilot-b"));
        assertTrue(MugIdOrder.offers("a", "B"), "case is no primary difference ('B' < 'a' in code points)");
        assertTrue(MugIdOrder.offers("a", "A"), "lower case first when nothing else differs");
        assertTrue(MugIdOrder.offers("a_b", "a-b"), "ICU puts '_' before '-' (code points say the opposite)");
        assertTrue(MugIdOrder.offers("item10", "item9"), "no numeric collation within text");
        assertTrue(MugIdOrder.offers("human-a", "rollscope-pilot-1f"));
        assertTrue(MugIdOrder.offers("Zed", "zed2"), "a longer id with the same start sorts after");
    }

    @Test
    void exactlyOneSideOffers() {
        String[] ids = {"pilot-a", "Pilot-A", "pilot_a", "7", "rollscope-pilot-0c1d", "x"};
        for (String a : ids) {
            for (String b : ids) {
                if (!a.equals(b)) {
                    assertTrue(MugIdOrder.offers(a, b) ^ MugIdOrder.offers(b, a), a + " vs " + b);
                }
            }
        }
    }
}
