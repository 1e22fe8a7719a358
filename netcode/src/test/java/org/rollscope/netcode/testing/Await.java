package org.rollscope.netcode.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Deadline polling for tests over real sockets: no sleeps as synchronisation, and a useful message on timeout. */
public final class Await {
    private Await() {}

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes; on timeout fails with {@code what} and the
     * last state that {@code state} describes.
     */
    public static void until(Duration timeout, String what, BooleanSupplier condition, Supplier<?> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; last state: " + state.get());
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2); // pacing the poll, not synchronisation: the condition decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        until(timeout, what, condition, () -> "(no state)");
    }
}
