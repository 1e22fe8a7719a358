package org.rollscope.bench;

import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.game.StepResult;

/**
 * A game that costs almost nothing to step, save, load and hash, so that the benchmarks measure the engine's own
 * overhead. Never ends unless {@code maxFrames} is reached.
 */
final class TrivialGame implements Game {
    private static final StepResult NOTHING = new StepResult(0, 0, false, false);
    private static final StepResult TRUNCATED = new StepResult(0, 0, false, true);
    private final int maxFrames;
    private int frame;
    private int acc;

    TrivialGame(int maxFrames) {
        this.maxFrames = maxFrames;
    }

    @Override public int actionCount() { return 8; }
    @Override public void reset(long seed, int episode) { frame = 0; acc = (int) seed + episode; }

    @Override
    public StepResult step(int action0, int action1) {
        acc = acc * 31 + action0 * 7 + action1;
        frame++;
        return frame >= maxFrames ? TRUNCATED : NOTHING;
    }

    @Override public int frame() { return frame; }
    @Override public boolean episodeOver() { return frame >= maxFrames; }
    @Override public int snapshotSize() { return 2; }
    @Override public void save(int[] into) { into[0] = frame; into[1] = acc; }
    @Override public void load(int[] from) { frame = from[0]; acc = from[1]; }
    @Override public long stateHash() { return acc * 0x9E3779B97F4A7C15L + frame; }
}
