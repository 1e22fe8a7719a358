package org.rollscope.netcode.game;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately broken game for testing determinism checks (SyncTest, desync detection), after GGRS's
 * {@code RandomChecksumGameStub}: it plays the {@link ReferenceGame}, but from frame {@code firstBadFrame} on every
 * step also writes a value drawn from a JVM-wide counter into an extra state int. The counter never repeats, so
 * re-simulating a frame from the same snapshot with the same inputs gives a different state and hash, exactly like a
 * game that reads the clock or an unseeded random source. Before {@code firstBadFrame} it is deterministic, so a
 * checker can be asserted to report the first bad frame and nothing earlier.
 *
 * <p>Reproducible as a test fixture: the divergence is certain, no timing involved. Not thread-safe (one loop).
 */
public final class NondeterministicGame implements Game {

    /** Shared by all instances on purpose: two games, or one game replaying a frame, never see the same value. */
    private static final AtomicInteger NOISE = new AtomicInteger();

    private final ReferenceGame game;
    private final int firstBadFrame;
    private int noise;   // the extra state int, part of snapshots and hashes

    /** Nondeterministic from the first frame. */
    public NondeterministicGame() {
        this(0);
    }

    /** Deterministic until frame {@code firstBadFrame} (the frame count before a step), nondeterministic after. */
    public NondeterministicGame(int firstBadFrame) {
        this.game = new ReferenceGame();
        this.firstBadFrame = firstBadFrame;
    }

    @Override
    public int actionCount() {
        return game.actionCount();
    }

    @Override
    public void reset(long seed, int episode) {
        game.reset(seed, episode);
        noise = 0;
    }

    @Override
    public StepResult step(int action0, int action1) {
        boolean bad = game.frame() >= firstBadFrame;
        StepResult r = game.step(action0, action1);
        if (bad) {
            noise = NOISE.incrementAndGet();
        }
        return r;
    }

    @Override
    public int frame() {
        return game.frame();
    }

    @Override
    public boolean episodeOver() {
        return game.episodeOver();
    }

    @Override
    public int snapshotSize() {
        return game.snapshotSize() + 1;
    }

    @Override
    public void save(int[] into) {
        game.save(into);
        into[game.snapshotSize()] = noise;
    }

    @Override
    public void load(int[] from) {
        game.load(from);
        noise = from[game.snapshotSize()];
    }

    @Override
    public long stateHash() {
        return SplitMix64.combine(game.stateHash(), noise);
    }
}
