package org.rollscope.netcode.game;

/**
 * FNV-1a 64-bit hash over ints, each fed as its four bytes in little-endian order. Offset basis
 * {@code 0xcbf29ce484222325}, prime {@code 0x100000001b3} (the published FNV constants), so any language can reproduce
 * a hash from the int values alone (e.g. Python: {@code for b in struct.pack('<%di' % n, *ints)}).
 *
 * <p>Stateless and thread-safe; allocation-free.
 */
public final class Fnv1a64 {

    /** FNV-1a 64 offset basis: the hash of zero ints. */
    public static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    /** FNV 64-bit prime. */
    public static final long PRIME = 0x100000001b3L;

    private Fnv1a64() {}

    /**
     * Hashes {@code values[0 .. length)}.
     *
     * @throws IndexOutOfBoundsException if {@code length} exceeds the array
     */
    public static long hashInts(int[] values, int length) {
        if (length > values.length) {
            throw new IndexOutOfBoundsException("length " + length + " > array length " + values.length);
        }
        long h = OFFSET_BASIS;
        for (int i = 0; i < length; i++) {
            int v = values[i];
            h = (h ^ (v & 0xFF)) * PRIME;
            h = (h ^ ((v >>> 8) & 0xFF)) * PRIME;
            h = (h ^ ((v >>> 16) & 0xFF)) * PRIME;
            h = (h ^ (v >>> 24)) * PRIME;
        }
        return h;
    }
}
