package org.rollscope.netcode.engine;

import org.rollscope.netcode.sync.SnapshotSlot;

/**
 * What a session asks its driver to do, in order (GGRS's requests instead of GGPO's callbacks). Carry them out with
 * {@link FrameRunner} or by hand, in order, and report every {@link Advance} and {@link Reset} back through
 * {@link FrameReports}.
 *
 * <p>Ordering contract: every {@link Advance} of frame f is followed by {@link Save} of frame f + 1 (the state after
 * the step); saving after the step rather than before it means the state of any confirmed frame is in the ring when the
 * frame is hashed. When {@link FrameReports#onAdvanced} returns false, carry out that following Save and drop the rest.
 */
public sealed interface FrameRequest {

    /**
     * Start episode {@code episode} (0-based): {@code Game.reset(seed, episode)}, save the initial state into
     * {@code slot}, report {@link FrameReports#onEpisodeStarted} with the initial state hash. An addition to GGRS's
     * three requests: episodes are part of this engine's job (the EPISODE_READY exchange needs the hash).
     */
    record Reset(int episode, SnapshotSlot slot) implements FrameRequest {}

    /** Save the current state, which is the state at the start of {@code frame}, into {@code slot}. */
    record Save(int frame, SnapshotSlot slot) implements FrameRequest {}

    /** Load the state at the start of {@code frame} from {@code slot} (a rollback). */
    record Load(int frame, SnapshotSlot slot) implements FrameRequest {}

    /** Step frame {@code frame} with these actions and report the result. */
    record Advance(int frame, int action0, int action1) implements FrameRequest {}
}
