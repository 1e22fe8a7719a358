package org.rollscope.ui.service;

import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * Drains the {@link TelemetryInbox} once per JavaFX pulse, on the FX thread. One timer for the whole console: every
 * view-model and dataset change of a pulse happens inside one drain.
 */
public final class InboxPump extends AnimationTimer {

    private final TelemetryInbox inbox;
    private final Consumer<SourceUpdate> target;
    private final Runnable afterDrain;
    private long pulses;
    private long busyNanos;

    /**
     * @param target applies one update (FX thread)
     * @param afterDrain runs after each drain, e.g. to move chart windows once per pulse rather than per sample
     */
    public InboxPump(TelemetryInbox inbox, Consumer<SourceUpdate> target, Runnable afterDrain) {
        this.inbox = inbox;
        this.target = target;
        this.afterDrain = afterDrain;
    }

    @Override
    public void handle(long nowNanos) {
        long start = System.nanoTime();
        pulses++;
        inbox.drainTo(target);
        afterDrain.run();
        busyNanos += System.nanoTime() - start;
    }

    /** FX-thread time spent draining and applying updates since start (excludes JavaFX's own layout and render). */
    public long busyNanos() {
        return busyNanos;
    }

    /** Pulses seen since start (for the load check: pulse rate). */
    public long pulses() {
        return pulses;
    }
}
