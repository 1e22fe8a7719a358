package org.rollscope.netcode.input;

import org.rollscope.netcode.Frames;

/**
 * One player's inputs in one episode: a ring of confirmed inputs (first value wins, duplicates ignored, arrival in
 * any order) and a ring of the inputs each simulated frame actually used, so that a late input that contradicts a
 * prediction marks the first incorrect frame (where the rollback must start).
 *
 * <p>Capacity: {@link #CAPACITY} frames around the newest contiguous confirmed frame. Inputs further ahead are
 * refused ({@link AddResult#TOO_NEW}: the sender repeats them later); older ones are already confirmed or
 * irrelevant. Memory is fixed however long a session runs; no boxing.
 *
 * <p>Threads: not thread-safe; owned by one session loop. Never blocks.
 */
public final class InputQueue {

    /** Ring size in frames (power of two). It must exceed input delay + prediction window + the redundancy of
     *  INPUT packets with room to spare; {@code SessionConfig} caps delay and window so that it does. */
    public static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;
    /** Accept confirmed inputs at most this far past the contiguous frame (the rest of the ring keeps history). */
    private static final int AHEAD_LIMIT = CAPACITY / 2;

    /** What {@link #addConfirmed} did with an input. */
    public enum AddResult { ACCEPTED, DUPLICATE, TOO_OLD, TOO_NEW }

    private final InputPredictor predictor;
    private final int[] confirmedTag = new int[CAPACITY];
    private final byte[] confirmedAction = new byte[CAPACITY];
    private final int[] usedTag = new int[CAPACITY];
    private final byte[] usedAction = new byte[CAPACITY];
    private int lastContiguousFrame;
    private int newestFrame;
    private int usedEnd;
    private int firstIncorrectFrame;

    public InputQueue(InputPredictor predictor) {
        this.predictor = predictor;
        reset();
    }

    /** Forgets everything (a new episode: frame numbers start again at 0). */
    public void reset() {
        java.util.Arrays.fill(confirmedTag, Frames.NULL_FRAME);
        java.util.Arrays.fill(usedTag, Frames.NULL_FRAME);
        lastContiguousFrame = Frames.NULL_FRAME;
        newestFrame = Frames.NULL_FRAME;
        usedEnd = 0;
        firstIncorrectFrame = Frames.NULL_FRAME;
    }

    /**
     * Records a confirmed input. The first value for a frame wins; later ones are {@link AddResult#DUPLICATE}. If the
     * frame was already simulated with a different action, it becomes (or moves back) the first incorrect frame.
     *
     * @param frame target frame, {@code >= 0}
     * @param action the action, {@code 0..255}
     */
    public AddResult addConfirmed(int frame, int action) {
        if (frame < 0 || frame <= lastContiguousFrame - (CAPACITY - AHEAD_LIMIT)) {
            return AddResult.TOO_OLD;
        }
        if (frame > lastContiguousFrame + AHEAD_LIMIT) {
            return AddResult.TOO_NEW;
        }
        int i = frame & MASK;
        if (frame <= lastContiguousFrame || confirmedTag[i] == frame) {
            return AddResult.DUPLICATE;
        }
        confirmedTag[i] = frame;
        confirmedAction[i] = (byte) action;
        newestFrame = Math.max(newestFrame, frame);
        while (confirmedTag[(lastContiguousFrame + 1) & MASK] == lastContiguousFrame + 1) {
            lastContiguousFrame++;
        }
        if (frame < usedEnd && usedTag[i] == frame && (usedAction[i] & 0xFF) != action
                && (firstIncorrectFrame == Frames.NULL_FRAME || frame < firstIncorrectFrame)) {
            firstIncorrectFrame = frame;
        }
        return AddResult.ACCEPTED;
    }

    /** True when the input for {@code frame} is confirmed and still in the ring. */
    public boolean isConfirmed(int frame) {
        return frame >= 0 && confirmedTag[frame & MASK] == frame;
    }

    /** The confirmed action at {@code frame}; only valid when {@link #isConfirmed} is true. */
    public int confirmedAction(int frame) {
        if (!isConfirmed(frame)) {
            throw new IllegalStateException("no confirmed input for frame " + frame + " (contiguous up to "
                    + lastContiguousFrame + ")");
        }
        return confirmedAction[frame & MASK] & 0xFF;
    }

    /** The action to simulate {@code frame} with: the confirmed one, or else the prediction. */
    public int actionFor(int frame) {
        if (isConfirmed(frame)) {
            return confirmedAction[frame & MASK] & 0xFF;
        }
        int last = lastContiguousFrame >= 0 && isConfirmed(lastContiguousFrame)
                ? confirmedAction[lastContiguousFrame & MASK] & 0xFF : -1;
        return predictor.predict(last);
    }

    /** Remembers that {@code frame} was (re)simulated with {@code action}; frames are marked in increasing order. */
    public void markUsed(int frame, int action) {
        int i = frame & MASK;
        usedTag[i] = frame;
        usedAction[i] = (byte) action;
        usedEnd = frame + 1;
        if (firstIncorrectFrame == frame) {
            firstIncorrectFrame = Frames.NULL_FRAME;
        }
    }

    /** Frames from {@code frame} on are no longer simulated (the simulation was cut back to {@code frame}). */
    public void discardUsedFrom(int frame) {
        usedEnd = Math.min(usedEnd, frame);
        if (firstIncorrectFrame >= frame) {
            firstIncorrectFrame = Frames.NULL_FRAME;
        }
    }

    /** The earliest simulated frame whose input turned out different from what was used, or {@link Frames#NULL_FRAME}. */
    public int firstIncorrectFrame() {
        return firstIncorrectFrame;
    }

    /** Clears the first incorrect frame (the caller is rolling back to it and re-marks every replayed frame). */
    public void clearFirstIncorrectFrame() {
        firstIncorrectFrame = Frames.NULL_FRAME;
    }

    /** Every frame up to and including this one is confirmed ({@link Frames#NULL_FRAME} if frame 0 is not). */
    public int lastContiguousFrame() {
        return lastContiguousFrame;
    }

    /** The highest confirmed frame, possibly past a gap ({@link Frames#NULL_FRAME} when none). */
    public int newestFrame() {
        return newestFrame;
    }
}
