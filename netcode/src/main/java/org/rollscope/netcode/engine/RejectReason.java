package org.rollscope.netcode.engine;

/**
 * Why {@link RollbackSession#advanceFrame} did not step a new frame this time (normal back-pressure, a value, not an
 * exception). Rollback requests may still be present in the same result.
 */
public enum RejectReason {
    /** The peer is a prediction window ahead of the other's inputs; it stalls (counted in {@code stalls}). */
    PREDICTION_WINDOW_FULL,
    /** Time sync: this peer runs ahead and skips a frame so the other catches up. */
    TIME_SYNC_WAIT,
    /** The newest frame ended the episode speculatively; waiting for the inputs that confirm it (bounded). */
    WAITING_FOR_CONFIRMATION,
    /** Between episodes: waiting for the reset, or for the other peer's EPISODE_READY. */
    WAITING_FOR_PEER,
    /** Every configured episode has been played. */
    SESSION_FINISHED
}
