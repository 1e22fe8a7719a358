package org.rollscope.netcode.relay;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Deadline polling for tests: no sleeps as synchronisation, and the last state in the failure message. */
final class Await {
    private Await() {
    }

    static void until(Duration timeout, BooleanSupplier condition, Supplier<String> lastState) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout.toMillis() + " ms; last state: "
                        + lastState.get());
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5); // polling interval only, never a synchronisation
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
