package org.rollscope.netcode.testgame;

import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.game.StepResult;

/**
 * A tiny deterministic two-player game for engine tests: the state mixes both players' actions every frame (so any
 * wrong input changes every later hash), rewards depend on the state, and the episode ends when the mixed state hits a
 * rare value (terminal) or after {@code maxFrames} (truncated). Snapshot: {frame, state, over, score0, score1}.
 */
public final class CounterGame implements Game {

    public static final int SNAPSHOT_SIZE = 5;
    private final int maxFrames;
    private final int terminalModulus;
    private int frame;
    private int state;
    private boolean over;
    private int score0;
    private int score1;

    /**
     * @param maxFrames truncation length
     * @param terminalModulus the episode ends when {@code state % terminalModulus == 0} after frame 60 (0: never)
     */
    public CounterGame(int maxFrames, int terminalModulus) {
        this.maxFrames = maxFrames;
        this.terminalModulus = terminalModulus;
    }

    @Override
    public int actionCount() {
        return 6;
    }

    @Override
    public void reset(long seed, int episode) {
        frame = 0;
        state = (int) (seed * 31 + episode * 7919L);
        over = false;
        score0 = 0;
        score1 = 0;
    }

    @Override
    public StepResult step(int action0, int action1) {
        if (over) {
            throw new IllegalStateException("episode over at frame " + frame);
        }
        if (action0 < 0 || action0 >= 6 || action1 < 0 || action1 >= 6) {
            throw new IllegalArgumentException("bad actions " + action0 + ", " + action1);
        }
        state = state * 1103515245 + 12345 + action0 * 7 + action1 * 131;
        state ^= state >>> 13;
        frame++;
        double r0 = ((state >>> 3) & 15) == 0 ? 1.0 : 0.0;
        double r1 = ((state >>> 7) & 15) == 0 ? 1.0 : (action1 == 5 ? -0.25 : 0.0);
        score0 += (int) r0;
        score1 += (int) r1;
        boolean terminal = terminalModulus > 0 && frame > 60 && Integer.remainderUnsigned(state, terminalModulus) == 0;
        boolean truncated = !terminal && frame >= maxFrames;
        over = terminal || truncated;
        return new StepResult(r0, r1, terminal, truncated);
    }

    @Override
    public int frame() {
        return frame;
    }

    @Override
    public boolean episodeOver() {
        return over;
    }

    @Override
    public int snapshotSize() {
        return SNAPSHOT_SIZE;
    }

    @Override
    public void save(int[] into) {
        into[0] = frame;
        into[1] = state;
        into[2] = over ? 1 : 0;
        into[3] = score0;
        into[4] = score1;
    }

    @Override
    public void load(int[] from) {
        frame = from[0];
        state = from[1];
        over = from[2] != 0;
        score0 = from[3];
        score1 = from[4];
    }

    @Override
    public long stateHash() {
        long h = 0xcbf29ce484222325L;
        int[] s = {frame, state, over ? 1 : 0, score0, score1};
        for (int v : s) {
            h ^= v;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
