package org.rollscope.netcode.sync;

import org.rollscope.netcode.Frames;

/**
 * One reusable snapshot buffer of the ring. The driver fills {@link #data()} with {@code Game.save} when asked to
 * save and reads it with {@code Game.load}; the engine only tracks which frame the buffer holds.
 *
 * <p>Threads: the session loop only.
 */
public final class SnapshotSlot {
    private final int index;
    private final int[] data;
    private int frame = Frames.NULL_FRAME;

    SnapshotSlot(int index, int size) {
        this.index = index;
        this.data = new int[size];
    }

    /** Position in the ring (for logs and tests). */
    public int index() {
        return index;
    }

    /** The state buffer, of the game's snapshot size. */
    public int[] data() {
        return data;
    }

    /** The frame whose start state the buffer holds (the state after {@code frame - 1} steps), or NULL_FRAME. */
    public int frame() {
        return frame;
    }

    void assign(int frame) {
        this.frame = frame;
    }

    @Override
    public String toString() {
        return "SnapshotSlot[" + index + ", frame " + frame + "]";
    }
}
