package org.rollscope.netcode.testing;

import java.lang.management.ManagementFactory;

/**
 * Heap still in use after full collections: what a long run keeps, as opposed to garbage it has not collected yet.
 * Memory tests compare it between two points of a run; a structure that grows per frame or per sample shows up as
 * megabytes, while the JVM's own noise (JIT, class data, thread stacks) stays well under {@link #TOLERANCE_BYTES}.
 */
public final class RetainedHeap {
    /** Growth allowed between two measurements: 4 MB. A leak of 8 bytes per frame over 700,000 frames is 5.6 MB. */
    public static final long TOLERANCE_BYTES = 4L << 20;

    private RetainedHeap() {}

    /** The smallest heap use seen right after each of three full collections, in bytes. */
    public static long bytes() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
