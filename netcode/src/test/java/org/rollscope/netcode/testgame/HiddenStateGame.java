package org.rollscope.netcode.testgame;

import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.game.StepResult;

/**
 * A deliberately nondeterministic game: every step mixes in a call counter that save/load do not capture (like a
 * game reading a global random source), so a re-simulated frame hashes differently.
 */
public final class HiddenStateGame implements Game {
    private final CounterGame inner = new CounterGame(100_000, 0);
    private int calls;
    private int extra;

    @Override public int actionCount() { return inner.actionCount(); }
    @Override public void reset(long seed, int episode) { inner.reset(seed, episode); extra = 0; }

    @Override
    public StepResult step(int action0, int action1) {
        calls++;
        extra = extra * 31 + calls;
        return inner.step(action0, action1);
    }

    @Override public int frame() { return inner.frame(); }
    @Override public boolean episodeOver() { return inner.episodeOver(); }
    @Override public int snapshotSize() { return inner.snapshotSize() + 1; }

    @Override
    public void save(int[] into) {
        inner.save(into);
        into[CounterGame.SNAPSHOT_SIZE] = extra;
    }

    @Override
    public void load(int[] from) {
        inner.load(from);
        extra = from[CounterGame.SNAPSHOT_SIZE];
    }

    @Override public long stateHash() { return inner.stateHash() * 31 + extra; }
}
