package org.rollscope.netcode.engine;

import java.util.Arrays;

/**
 * Things a session reports besides its metrics, drained with {@link RollbackSession#drainEvents}. Episodes are
 * 0-based. At most {@link SessionConfig#eventCapacity()} are kept; older ones are dropped and counted.
 */
public sealed interface SessionEvent {

    int episode();

    /** A late input contradicted a prediction: frames {@code fromFrame..fromFrame+depth-1} were re-simulated. */
    record Rollback(int episode, int fromFrame, int depth) implements SessionEvent {}

    /**
     * The peers' hashes of confirmed frame {@code frame} differ. {@code localState} is this peer's snapshot after that
     * frame (the game's {@code save} layout) for the post-mortem.
     */
    record Desync(int episode, int frame, long localHash, long remoteHash, int[] localState) implements SessionEvent {
        @Override
        public String toString() {
            return "Desync[episode=" + episode + ", frame=" + frame + ", localHash=" + Long.toHexString(localHash)
                    + ", remoteHash=" + Long.toHexString(remoteHash) + ", localState="
                    + Arrays.toString(localState) + "]";
        }
    }

    /** Episode over after {@code frames} frames; {@code unconfirmedFrames} of them were promoted unconfirmed. */
    record EpisodeEnded(int episode, int frames, int unconfirmedFrames) implements SessionEvent {}

    /** The other peer's EPISODE_END says its episode lasted {@code remoteFrames}, this one {@code localFrames}. */
    record EpisodeEndMismatch(int episode, int localFrames, int remoteFrames) implements SessionEvent {}

    /** The other peer's EPISODE_READY carries another initial-state hash (8 hex chars) than this peer's. */
    record EpisodeReadyMismatch(int episode, String localHash, String remoteHash) implements SessionEvent {}

    /** The episode end could not be confirmed in time: frames {@code firstFrame..lastFrame} were exported flagged. */
    record UnconfirmedPromotion(int episode, int firstFrame, int lastFrame) implements SessionEvent {}

    /**
     * The other peer's EPISODE_READY did not come within {@link SessionConfig#episodeStartTimeout()} (waited
     * {@code waitedMs}): episode {@code episode} starts without it, as a MUG page does. {@link EpisodeStarted} follows.
     */
    record EpisodeStartedWithoutPeer(int episode, long waitedMs) implements SessionEvent {}

    /** Both peers are ready (or the wait for the other timed out) and episode {@code episode} starts. */
    record EpisodeStarted(int episode, String initialHash) implements SessionEvent {}
}
