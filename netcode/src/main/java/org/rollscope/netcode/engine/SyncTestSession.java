package org.rollscope.netcode.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rollscope.netcode.Frames;
import org.rollscope.netcode.game.StepResult;
import org.rollscope.netcode.sync.SyncLayer;

/**
 * SyncTest (GGPO/GGRS): one peer that, after every new frame, rolls back {@code checkDistance} frames and
 * re-simulates them with the same inputs, comparing each re-simulated state hash with the first one. A game whose
 * step, save or load is not deterministic shows up as a {@link Mismatch}. Run it with {@link FrameRunner}, like a
 * {@link RollbackSession}; episodes follow one another (reset after each end).
 *
 * <p>Threads: one loop thread. Memory: rings of {@code checkDistance + margin} frames; mismatches are capped at
 * {@link #MAX_MISMATCHES} (the first ones are what matter).
 */
public final class SyncTestSession implements FrameReports {

    /** Mismatches kept; a broken game produces one per frame, and the first few locate the bug. */
    public static final int MAX_MISMATCHES = 1000;

    /** One frame whose re-simulation disagreed with its first simulation. */
    public record Mismatch(int episode, int frame, long firstHash, long replayHash) {}

    private final int checkDistance;
    private final SyncLayer sync;
    private final int ring;
    private final int[] inputTag;
    private final int[] action0;
    private final int[] action1;
    private final long[] firstHash;
    private final int[] hashTag;
    private final ArrayList<FrameRequest> requests = new ArrayList<>();
    private final List<FrameRequest> requestsView = Collections.unmodifiableList(requests);
    private final List<Mismatch> mismatches = new ArrayList<>();
    private int episode = -1;
    private int frame;
    private boolean resetDue = true;
    private boolean lastFrameEnded;
    private long framesChecked;
    private long mismatchCount;

    /**
     * @param checkDistance frames rolled back and re-simulated after each frame, 1..{@link SessionConfig#MAX_DELAY_PLUS_WINDOW}
     * @param snapshotSize the game's snapshot size
     */
    public SyncTestSession(int checkDistance, int snapshotSize) {
        if (checkDistance < 1 || checkDistance > SessionConfig.MAX_DELAY_PLUS_WINDOW) {
            throw new IllegalArgumentException("checkDistance must be in [1, " + SessionConfig.MAX_DELAY_PLUS_WINDOW
                    + "], got " + checkDistance);
        }
        this.checkDistance = checkDistance;
        this.sync = new SyncLayer(checkDistance, snapshotSize);
        this.ring = checkDistance + SyncLayer.MARGIN;
        inputTag = new int[ring];
        action0 = new int[ring];
        action1 = new int[ring];
        firstHash = new long[ring];
        hashTag = new int[ring];
    }

    /**
     * Steps frame {@link #frame()} with these actions, then rolls back and re-simulates the last
     * {@code checkDistance} frames; at an episode start (or after an episode ended) it asks for the reset instead and
     * ignores the actions.
     */
    public AdvanceResult advanceFrame(int a0, int a1) {
        requests.clear();
        if (resetDue || lastFrameEnded) {
            episode++;
            frame = 0;
            lastFrameEnded = false;
            resetDue = false;
            sync.reset();
            java.util.Arrays.fill(inputTag, Frames.NULL_FRAME);
            java.util.Arrays.fill(hashTag, Frames.NULL_FRAME);
            requests.add(new FrameRequest.Reset(episode, sync.slotToSave(0)));
            return new AdvanceResult(requestsView, RejectReason.WAITING_FOR_PEER);
        }
        int i = frame % ring;
        inputTag[i] = frame;
        action0[i] = a0;
        action1[i] = a1;
        addAdvance(frame);
        frame++;
        int from = frame - checkDistance;
        if (from >= 0) {
            requests.add(new FrameRequest.Load(from, sync.slotToLoad(from)));
            for (int f = from; f < frame; f++) {
                addAdvance(f);
            }
        }
        return new AdvanceResult(requestsView, null);
    }

    private void addAdvance(int f) {
        int i = f % ring;
        requests.add(new FrameRequest.Advance(f, action0[i], action1[i]));
        requests.add(new FrameRequest.Save(f + 1, sync.slotToSave(f + 1)));
    }

    @Override
    public void onEpisodeStarted(int startedEpisode, long initialStateHash) {
        // nothing to compare at a reset
    }

    @Override
    public boolean onAdvanced(FrameRequest.Advance advance, StepResult result, long stateHash, long nowMs) {
        int f = advance.frame();
        int i = f % ring;
        if (hashTag[i] != f) {
            hashTag[i] = f;
            firstHash[i] = stateHash;
            lastFrameEnded = result.episodeOver();
            return true;
        }
        framesChecked++;
        if (firstHash[i] != stateHash) {
            mismatchCount++;
            if (mismatches.size() < MAX_MISMATCHES) {
                mismatches.add(new Mismatch(episode, f, firstHash[i], stateHash));
            }
        }
        // A nondeterministic game may end the episode early in a replay: stop rather than step past its end.
        return !result.episodeOver() || f == frame - 1;
    }

    /** The next frame to step. */
    public int frame() {
        return frame;
    }

    /** The current 0-based episode (-1 before the first reset). */
    public int episode() {
        return episode;
    }

    public int checkDistance() {
        return checkDistance;
    }

    /** Re-simulated frames compared so far. */
    public long framesChecked() {
        return framesChecked;
    }

    /** The first {@link #MAX_MISMATCHES} mismatches. */
    public List<Mismatch> mismatches() {
        return Collections.unmodifiableList(mismatches);
    }

    /** Every mismatch, including those not kept. */
    public long mismatchCount() {
        return mismatchCount;
    }
}
