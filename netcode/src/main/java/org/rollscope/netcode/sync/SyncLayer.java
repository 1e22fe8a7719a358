package org.rollscope.netcode.sync;

import org.rollscope.netcode.Frames;
import org.rollscope.netcode.game.StepResult;

/**
 * The snapshot ring and the speculative frame data of one peer's current episode.
 *
 * <p>Snapshots: slot {@code f % size} holds the state at the start of frame {@code f} (after {@code f} steps). The
 * engine saves after every step, so a rollback to any unconfirmed frame loads exactly that frame. The ring holds
 * prediction window + {@link #MARGIN} frames, enough for every frame that can still be rolled back to.
 *
 * <p>Frame data: for each simulated but not yet exported frame, the actions, rewards, terminal flags and state hash of
 * its latest simulation (a rollback's replay overwrites them), whether it was first simulated with a prediction and
 * when. {@link #read} copies a frame out when it is confirmed. Arrays of primitives: no allocation per frame.
 *
 * <p>Threads: not thread-safe; the session loop only.
 */
public final class SyncLayer {

    /** Extra slots past the window: the frame being simulated, the one after it, and slack for the episode end. */
    public static final int MARGIN = 4;

    private final SnapshotSlot[] slots;
    private final int size;
    private final int[] tag;
    private final byte[] action0;
    private final byte[] action1;
    private final double[] reward0;
    private final double[] reward1;
    private final byte[] flags;
    private final long[] hash;
    private final long[] firstSimulatedMs;

    private static final int TERMINAL = 1;
    private static final int TRUNCATED = 2;
    private static final int PREDICTED = 4;

    /**
     * @param predictionWindow the session's prediction window, in frames
     * @param snapshotSize the game's snapshot length in ints
     */
    public SyncLayer(int predictionWindow, int snapshotSize) {
        this.size = predictionWindow + MARGIN;
        this.slots = new SnapshotSlot[size];
        for (int i = 0; i < size; i++) {
            slots[i] = new SnapshotSlot(i, snapshotSize);
        }
        tag = new int[size];
        action0 = new byte[size];
        action1 = new byte[size];
        reward0 = new double[size];
        reward1 = new double[size];
        flags = new byte[size];
        hash = new long[size];
        firstSimulatedMs = new long[size];
        reset();
    }

    /** Forgets every snapshot and frame (a new episode). */
    public void reset() {
        java.util.Arrays.fill(tag, Frames.NULL_FRAME);
        for (SnapshotSlot s : slots) {
            s.assign(Frames.NULL_FRAME);
        }
    }

    /** Number of snapshot slots and frame-data entries (fixed). */
    public int capacity() {
        return size;
    }

    /** The slot that will hold the state at the start of {@code frame}; it is reassigned to that frame. */
    public SnapshotSlot slotToSave(int frame) {
        SnapshotSlot s = slots[frame % size];
        s.assign(frame);
        return s;
    }

    /**
     * The slot holding the state at the start of {@code frame}.
     *
     * @throws IllegalStateException if that state is no longer (or not yet) in the ring
     */
    public SnapshotSlot slotToLoad(int frame) {
        SnapshotSlot s = slots[frame % size];
        if (frame < 0 || s.frame() != frame) {
            throw new IllegalStateException("load frame " + frame + ": slot " + s.index() + " holds frame "
                    + s.frame() + " (ring of " + size + ")");
        }
        return s;
    }

    /** True when the state at the start of {@code frame} is in the ring. */
    public boolean hasSnapshot(int frame) {
        return frame >= 0 && slots[frame % size].frame() == frame;
    }

    /**
     * Records what the (re)simulation of {@code frame} produced. The prediction flag and the first simulation time
     * are kept from the frame's first simulation.
     */
    public void recordStep(int frame, int a0, int a1, StepResult result, long stateHash, boolean predicted,
            long nowMs) {
        int i = frame % size;
        byte f = (byte) ((result.terminal() ? TERMINAL : 0) | (result.truncated() ? TRUNCATED : 0));
        if (tag[i] != frame) {
            tag[i] = frame;
            firstSimulatedMs[i] = nowMs;
            f |= predicted ? PREDICTED : 0;
        } else {
            f |= flags[i] & PREDICTED;
        }
        flags[i] = f;
        action0[i] = (byte) a0;
        action1[i] = (byte) a1;
        reward0[i] = result.reward0();
        reward1[i] = result.reward1();
        hash[i] = stateHash;
    }

    /** True when {@code frame} has simulated data in the ring. */
    public boolean hasFrame(int frame) {
        return frame >= 0 && tag[frame % size] == frame;
    }

    /** True when the latest simulation of {@code frame} ended the episode. */
    public boolean endsEpisode(int frame) {
        requireFrame(frame);
        return (flags[frame % size] & (TERMINAL | TRUNCATED)) != 0;
    }

    /** The state hash after the latest simulation of {@code frame}. */
    public long stateHash(int frame) {
        requireFrame(frame);
        return hash[frame % size];
    }

    /** Copies the data of {@code frame} out as a row of the canonical buffer. */
    public FrameData read(int frame) {
        requireFrame(frame);
        int i = frame % size;
        return new FrameData(frame, action0[i] & 0xFF, action1[i] & 0xFF, reward0[i], reward1[i],
                (flags[i] & TERMINAL) != 0, (flags[i] & TRUNCATED) != 0, hash[i], (flags[i] & PREDICTED) != 0,
                firstSimulatedMs[i]);
    }

    private void requireFrame(int frame) {
        if (!hasFrame(frame)) {
            throw new IllegalStateException("no simulated data for frame " + frame + " in a ring of " + size);
        }
    }

    /** One frame's data as {@link #read} copies it out. */
    public record FrameData(int frame, int action0, int action1, double reward0, double reward1, boolean terminal,
            boolean truncated, long stateHash, boolean predicted, long firstSimulatedMs) {}
}
