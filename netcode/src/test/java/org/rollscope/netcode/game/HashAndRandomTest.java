package org.rollscope.netcode.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The hash and the generator must match their published definitions, so that other languages (MUG's Python peers,
 * analysis scripts) can reproduce them. The expected values were computed with an independent Python implementation
 * of FNV-1a 64 and from SplitMix64's published first outputs for seed 0.
 */
class HashAndRandomTest {

    @Test
    void fnvOfNoIntsIsTheOffsetBasis() {
        assertEquals(0xcbf29ce484222325L, Fnv1a64.hashInts(new int[0], 0));
    }

    @Test
    void fnvHashesIntsAsLittleEndianBytes() {
        // Python: fnv1a64(struct.pack('<3i', 0x64636261, -1, 123456789))
        assertEquals(0x09d49bd89158e6c5L, Fnv1a64.hashInts(new int[] {0x64636261, -1, 123456789, 99}, 3));
    }

    @Test
    void fnvRejectsLengthBeyondArray() {
        assertThrows(IndexOutOfBoundsException.class, () -> Fnv1a64.hashInts(new int[2], 3));
    }

    @Test
    void splitMixFromSeedZeroGivesThePublishedSequence() {
        long state = 0;
        state = SplitMix64.next(state);
        assertEquals(0xe220a8397b1dcdafL, SplitMix64.mix(state));
        state = SplitMix64.next(state);
        assertEquals(0x6e789e6aa1b965f4L, SplitMix64.mix(state));
    }

    @Test
    void belowStaysInRangeAndHitsEveryValue() {
        int[] seen = new int[6];
        for (long i = 0; i < 6000; i++) {
            int v = SplitMix64.below(SplitMix64.mix(i), 6);
            assertTrue(v >= 0 && v < 6, "value " + v);
            seen[v]++;
        }
        for (int v = 0; v < 6; v++) {
            assertTrue(seen[v] > 800, "value " + v + " drawn only " + seen[v] + " times of 6000");
        }
        assertThrows(IllegalArgumentException.class, () -> SplitMix64.below(1, 0));
    }

    @Test
    void combineIsOrderSensitive() {
        assertTrue(SplitMix64.combine(1, 2) != SplitMix64.combine(2, 1));
    }
}
