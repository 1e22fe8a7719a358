package org.rollscope.netcode.sync;

import java.util.Arrays;
import java.util.function.Consumer;
import org.rollscope.netcode.Frames;

/**
 * The state-hash exchange of one episode: this peer's hashes of confirmed frames, the other peer's, their comparison
 * (verified frame, desyncs), and which hashes to (re)send.
 *
 * <p>Repetition, so that a lost STATE_HASH never leaves a frame unverified for ever (browsers send each hash once):
 * every call of {@link #collectOutgoing} sends each new local hash once, re-sends the oldest local hash still lacking
 * the peer's (at most every {@code resendIntervalMs}), and answers a peer that repeats a hash we have already
 * compared: a repeat means it lacks ours, so ours goes back once per repeat. A repeated STATE_HASH is harmless to a
 * browser receiver (it compares again). Frames whose entry falls out of the ring unanswered stay unverified (counted).
 *
 * <p>Memory: a fixed ring of {@link #CAPACITY} hashed frames, each with a copy of this peer's state at that frame
 * (for the desync report). Threads: the session loop only.
 */
public final class StateHashes {

    /** Hashed frames kept for comparison: at one hash per frame, about 1 s at 60 fps, far beyond any RTT we accept. */
    public static final int CAPACITY = 64;
    /** Unanswered hashes repeated per call at most (one call per frame). */
    static final int MAX_REPEATS_PER_CALL = 2;

    /** A compared pair. {@code localState} is this peer's state after {@code frame} (a copy). */
    public record Comparison(int frame, long localHash, long remoteHash, int[] localState) {
        public boolean matches() {
            return localHash == remoteHash;
        }
    }

    private final int[] frame = new int[CAPACITY];
    private final long[] localHash = new long[CAPACITY];
    private final long[] remoteHash = new long[CAPACITY];
    private final boolean[] hasLocal = new boolean[CAPACITY];
    private final boolean[] hasRemote = new boolean[CAPACITY];
    private final boolean[] sentOnce = new boolean[CAPACITY];
    private final boolean[] echoDue = new boolean[CAPACITY];
    private final long[] lastSentMs = new long[CAPACITY];
    private final int[][] localState;
    private final long resendIntervalMs;
    private int nextSlot;
    private int verifiedFrame;
    private long abandoned;

    /**
     * @param stateSize the game's snapshot length (for the desync copies)
     * @param resendIntervalMs minimum time between repeats of the same unanswered hash
     */
    public StateHashes(int stateSize, long resendIntervalMs) {
        localState = new int[CAPACITY][stateSize];
        this.resendIntervalMs = resendIntervalMs;
        reset();
    }

    /** Forgets the episode's hashes (a new episode). */
    public void reset() {
        Arrays.fill(frame, Frames.NULL_FRAME);
        Arrays.fill(hasLocal, false);
        Arrays.fill(hasRemote, false);
        Arrays.fill(sentOnce, false);
        Arrays.fill(echoDue, false);
        verifiedFrame = Frames.NULL_FRAME;
    }

    /**
     * This peer's hash of a confirmed frame and its state after that frame.
     *
     * @return the comparison when the peer's hash was already known, else null
     */
    public Comparison recordLocal(int f, long hash, int[] state) {
        int i = find(f);
        if (i < 0) {
            i = allocate(f);
        }
        hasLocal[i] = true;
        localHash[i] = hash;
        System.arraycopy(state, 0, localState[i], 0, Math.min(state.length, localState[i].length));
        return hasRemote[i] ? compare(i) : null;
    }

    /**
     * The peer's hash of frame {@code f}.
     *
     * @param maxAcceptableFrame frames above this cannot belong to this episode and are ignored
     * @return the comparison when this peer's hash is known (first arrival only), else null
     */
    public Comparison recordRemote(int f, long hash, int maxAcceptableFrame) {
        if (f < 0 || f > maxAcceptableFrame) {
            return null;
        }
        int i = find(f);
        if (i >= 0 && hasRemote[i]) {
            if (hasLocal[i]) {
                echoDue[i] = true; // the peer repeats: it has not seen ours
            }
            return null;
        }
        if (i < 0) {
            i = allocate(f);
        }
        hasRemote[i] = true;
        remoteHash[i] = hash;
        return hasLocal[i] ? compare(i) : null;
    }

    /**
     * The peer's hash of frame {@code f}, taken only if it answers a local hash still waiting for it (used between
     * episodes, when a hash of the next episode must not be taken for one of the ended episode).
     */
    public Comparison recordRemoteAnswer(int f, long hash) {
        int i = find(f);
        if (i < 0 || !hasLocal[i]) {
            return null;
        }
        if (hasRemote[i]) {
            echoDue[i] = true; // the peer repeats: it has not seen ours
            return null;
        }
        hasRemote[i] = true;
        remoteHash[i] = hash;
        return compare(i);
    }

    /** Queues the hashes to send now, as (frame, hash) pairs, repeating at the constructor's interval. */
    public void collectOutgoing(long nowMs, HashSink out) {
        collectOutgoing(nowMs, resendIntervalMs, out);
    }

    /**
     * Queues the hashes to send now, as (frame, hash) pairs.
     *
     * @param repeatAfterMs how long an unanswered hash waits before it is repeated (the caller may lengthen the
     *     constructor's interval to the round trip, so that answers on their way are not asked for again)
     */
    public void collectOutgoing(long nowMs, long repeatAfterMs, HashSink out) {
        for (int i = 0; i < CAPACITY; i++) {
            if (frame[i] != Frames.NULL_FRAME && hasLocal[i] && (!sentOnce[i] || echoDue[i])) {
                sentOnce[i] = true;
                echoDue[i] = false;
                lastSentMs[i] = nowMs;
                out.send(frame[i], localHash[i]);
            }
        }
        // Repeats: the unanswered hashes sent longest ago, a few per call, so that one hash the peer can no longer
        // answer (it dropped it from its ring) never starves the others.
        for (int n = 0; n < MAX_REPEATS_PER_CALL; n++) {
            int pick = -1;
            for (int i = 0; i < CAPACITY; i++) {
                if (frame[i] != Frames.NULL_FRAME && hasLocal[i] && !hasRemote[i]
                        && nowMs - lastSentMs[i] >= repeatAfterMs
                        && (pick < 0 || lastSentMs[i] < lastSentMs[pick])) {
                    pick = i;
                }
            }
            if (pick < 0) {
                return;
            }
            lastSentMs[pick] = nowMs;
            out.send(frame[pick], localHash[pick]);
        }
    }

    /** Highest frame whose hashes matched ({@link Frames#NULL_FRAME} when none this episode). */
    public int verifiedFrame() {
        return verifiedFrame;
    }

    /** Local hashes dropped from the ring before the peer's hash arrived. */
    public long abandonedCount() {
        return abandoned;
    }

    /** Visits the local hashes still waiting for the peer's (for tests and diagnostics). */
    public void forEachUnanswered(Consumer<Integer> frames) {
        for (int i = 0; i < CAPACITY; i++) {
            if (frame[i] != Frames.NULL_FRAME && hasLocal[i] && !hasRemote[i]) {
                frames.accept(frame[i]);
            }
        }
    }

    private Comparison compare(int i) {
        Comparison c = new Comparison(frame[i], localHash[i], remoteHash[i], localState[i].clone());
        if (c.matches() && frame[i] > verifiedFrame) {
            verifiedFrame = frame[i];
        }
        return c;
    }

    private int find(int f) {
        for (int i = 0; i < CAPACITY; i++) {
            if (frame[i] == f) {
                return i;
            }
        }
        return -1;
    }

    private int allocate(int f) {
        // Round-robin reuse: the slot reused is the oldest allocated, so a full ring drops the oldest hash.
        int i = nextSlot;
        nextSlot = (nextSlot + 1) % CAPACITY;
        if (frame[i] != Frames.NULL_FRAME && hasLocal[i] && !hasRemote[i]) {
            abandoned++;
        }
        frame[i] = f;
        hasLocal[i] = false;
        hasRemote[i] = false;
        sentOnce[i] = false;
        echoDue[i] = false;
        return i;
    }

    /** Receives the hashes {@link #collectOutgoing} decides to send. */
    @FunctionalInterface
    public interface HashSink {
        void send(int frame, long hash);
    }
}
