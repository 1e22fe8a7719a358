package org.rollscope.netcode.peer;

/**
 * A headless peer's monotonic clock: milliseconds since the peer started, from {@link System#nanoTime()}. The frame
 * loop ticks on whole milliseconds; round trips use the fractional value of the instants the datagrams actually left
 * and arrived (taken by the transport's threads), so they do not depend on when the loop ran.
 */
final class LoopClock {
    private final long originNanos = System.nanoTime();

    /** Now, in whole milliseconds (the engine's and the policy's time). */
    long nowMs() {
        return (System.nanoTime() - originNanos) / 1_000_000;
    }

    /** Now, to the microsecond. */
    double preciseNowMs() {
        return toMs(System.nanoTime());
    }

    /** A {@link System#nanoTime()} instant on this clock. */
    double toMs(long nanos) {
        return (nanos - originNanos) / 1e6;
    }
}
