package org.rollscope.netcode.engine;

import org.rollscope.netcode.game.StepResult;

/**
 * How a driver reports what the {@link FrameRequest}s it carried out produced. Implemented by the sessions; called by
 * {@link FrameRunner} on the session's loop thread, before the next call into the session.
 */
public interface FrameReports {

    /** The game was reset for {@code episode}; {@code initialStateHash} is {@code Game.stateHash()} after the reset. */
    void onEpisodeStarted(int episode, long initialStateHash);

    /**
     * One {@link FrameRequest.Advance} was carried out.
     *
     * @param advance the request
     * @param result what the step returned
     * @param stateHash {@code Game.stateHash()} after the step
     * @param nowMs the caller's clock in ms
     * @return true to go on; false when this step ended the episode speculatively in the middle of a batch: carry out
     *     the Save that follows it and drop the remaining requests
     */
    boolean onAdvanced(FrameRequest.Advance advance, StepResult result, long stateHash, long nowMs);
}
