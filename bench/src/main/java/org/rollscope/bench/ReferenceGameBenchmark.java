package org.rollscope.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rollscope.netcode.game.ReferenceGame;
import org.rollscope.netcode.game.StepResult;
import org.rollscope.netcode.game.bot.Bot;
import org.rollscope.netcode.game.bot.RandomBot;

/**
 * Cost of the reference game's operations that the rollback engine calls per frame: step, save, load, stateHash, and
 * a save+load pair (one snapshot and one restore). The rollback engine's budget is ≤ 2 µs per frame and ≤ 20 µs per
 * 8-frame rollback, so the game itself must stay far below that. Run:
 * {@code java -cp "bench/target/rollscope-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main ReferenceGame}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReferenceGameBenchmark {

    /** Pre-drawn random-bot actions, so the benchmark measures the game and not the bot. */
    private static final int ACTION_FRAMES = 4096;

    private final ReferenceGame game = new ReferenceGame();
    private final int[] snapshot = new int[game.snapshotSize()];
    private final int[] actions0 = new int[ACTION_FRAMES];
    private final int[] actions1 = new int[ACTION_FRAMES];
    private int episode;
    private int cursor;

    @Setup
    public void setUp() {
        Bot bot0 = new RandomBot(1, 0, game.actionCount());
        Bot bot1 = new RandomBot(1, 1, game.actionCount());
        for (int f = 0; f < ACTION_FRAMES; f++) {
            actions0[f] = bot0.action(0, f);
            actions1[f] = bot1.action(0, f);
        }
        game.reset(1, 0);
        for (int f = 0; f < 100; f++) {              // a mid-rally state for save/load/hash
            game.step(actions0[f], actions1[f]);
        }
        game.save(snapshot);
    }

    /** One frame of play with random-bot inputs; resets to the next episode when one ends (about every 2,000 frames). */
    @Benchmark
    public StepResult step() {
        int i = cursor++ & (ACTION_FRAMES - 1);
        StepResult r = game.step(actions0[i], actions1[i]);
        if (r.episodeOver()) {
            game.reset(1, ++episode);
        }
        return r;
    }

    @Benchmark
    public int[] save() {
        game.save(snapshot);
        return snapshot;
    }

    @Benchmark
    public int load() {
        game.load(snapshot);
        return game.frame();
    }

    @Benchmark
    public long stateHash() {
        return game.stateHash();
    }

    /** A snapshot and a restore, as one rollback of depth 0 costs. */
    @Benchmark
    public int saveAndLoad() {
        game.save(snapshot);
        game.load(snapshot);
        return game.frame();
    }
}
