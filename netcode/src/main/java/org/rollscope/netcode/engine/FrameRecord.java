package org.rollscope.netcode.engine;

/**
 * One confirmed frame of the canonical buffer, as exported (one CSV row, see {@link EpisodeCsv}). The fields not
 * prefixed {@code local} are identical in both peers' exports and in a lockstep replay; the {@code local} ones
 * legitimately differ between peers.
 *
 * @param episode 0-based episode
 * @param frame 0-based frame within the episode
 * @param action0 player 0's action at this frame
 * @param action1 player 1's action
 * @param reward0 player 0's reward for this frame
 * @param reward1 player 1's reward
 * @param terminal the episode ended naturally at this frame
 * @param truncated the episode hit its frame limit at this frame
 * @param stateHash the game's state hash after this frame
 * @param localPredicted this peer first simulated the frame with a predicted input
 * @param localUnconfirmed this peer exported the frame without confirmation (episode-end timeout)
 * @param localSimulatedMs this peer's clock (ms) when it first simulated the frame
 * @param localConfirmedMs this peer's clock (ms) when the frame was confirmed (or promoted)
 */
public record FrameRecord(int episode, int frame, int action0, int action1, double reward0, double reward1,
        boolean terminal, boolean truncated, long stateHash, boolean localPredicted, boolean localUnconfirmed,
        long localSimulatedMs, long localConfirmedMs) {

    /** True when every exported column not prefixed {@code local.} equals {@code other}'s (by column name). */
    public boolean sameSharedColumns(FrameRecord other) {
        return EpisodeCsv.sameSharedColumns(this, other);
    }
}
