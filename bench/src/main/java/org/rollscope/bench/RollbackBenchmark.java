package org.rollscope.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.rollscope.netcode.engine.FrameRunner;
import org.rollscope.netcode.engine.InputPath;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.sim.Simulator;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.wire.Message;

/**
 * The engine's cost with a trivial game (so the game's own step cost is negligible):
 * <ul>
 *   <li>{@code frameWithoutRollback}: one peer-frame of two directly connected peers (input, advance, save, step,
 *       report, INPUT/STATE_HASH out and in, confirmation, export row). Target ≤ 2 µs.</li>
 *   <li>{@code rollback8Frames}: one frame whose late remote input forces an 8-frame rollback (load, 8 replayed steps
 *       and saves, plus the new frame). Target ≤ 20 µs.</li>
 *   <li>{@code simulatedFrames}: two peers at 100 ms latency, 30 ms jitter, 5 % loss through the virtual-clock
 *       simulator; the score is simulated frames (both peers) per second.</li>
 * </ul>
 * Run: {@code java -cp "bench/target/rollscope-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main Rollback -f 1 -wi 3 -i 5}
 */
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RollbackBenchmark {

    static final SessionConfig CONFIG = SessionConfig.builder().timeSync(false).build();

    /** Two peers joined directly: every message is handed over at once. */
    @State(Scope.Thread)
    public static class Pair {
        RollbackSession[] sessions;
        FrameRunner[] runners;
        long now;

        @Setup(Level.Iteration)
        public void setUp() {
            sessions = new RollbackSession[2];
            runners = new FrameRunner[2];
            for (int p = 0; p < 2; p++) {
                sessions[p] = new RollbackSession(CONFIG, p, 2);
                runners[p] = new FrameRunner(new TrivialGame(Integer.MAX_VALUE), 1);
            }
            for (int i = 0; i < 5; i++) {
                tick(null);
            }
        }

        void tick(Blackhole bh) {
            now += 16;
            for (int p = 0; p < 2; p++) {
                RollbackSession s = sessions[p];
                RollbackSession other = sessions[1 - p];
                if (s.state() == RollbackSession.State.RUNNING) {
                    s.addLocalInput((s.localInputFrame() >> 4) & 7);
                }
                runners[p].run(s.advanceFrame(now), s, now);
                long t = now;
                s.drainOutgoing(m -> other.onMessage(m, t));
                s.drainConfirmed(r -> {
                    if (bh != null) {
                        bh.consume(r);
                    }
                });
                s.drainEvents(e -> { });
            }
        }
    }

    /** One peer whose remote inputs always arrive 8 frames late and always contradict the prediction. */
    @State(Scope.Thread)
    public static class LateRemote {
        RollbackSession session;
        FrameRunner runner;
        long now;

        @Setup(Level.Iteration)
        public void setUp() {
            SessionConfig c = CONFIG.toBuilder().inputDelay(0).predictionWindow(8).build();
            session = new RollbackSession(c, 0, 2);
            runner = new FrameRunner(new TrivialGame(Integer.MAX_VALUE), 1);
            runner.run(session.advanceFrame(0), session, 0);
            session.onMessage(new Message.EpisodeReady(1, readyHashOf(session)), 0);
            session.drainOutgoing(m -> { });
            for (int i = 0; i < 20; i++) {
                step();
            }
            if (session.lastRollbackDepth() != 8 || session.rollbacks() < 10) {
                throw new IllegalStateException("benchmark set-up does not roll back 8 frames per frame: depth "
                        + session.lastRollbackDepth() + ", rollbacks " + session.rollbacks());
            }
        }

        private static String readyHashOf(RollbackSession s) {
            String[] hash = new String[1];
            s.drainOutgoing(m -> {
                if (m instanceof Message.EpisodeReady r) {
                    hash[0] = r.stateHash();
                }
            });
            return hash[0];
        }

        void step() {
            now += 16;
            int f = session.frame();
            if (f >= 8) {
                // Alternating actions: "repeat the last confirmed" is always wrong, so every frame rolls back 8.
                session.onRemoteInput(f - 8, (f - 8) & 1, InputPath.P2P, now);
            }
            session.addLocalInput(1);
            runner.run(session.advanceFrame(now), session, now);
            session.drainOutgoing(m -> { });
            session.drainConfirmed(r -> { });
            session.drainEvents(e -> { });
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(2)
    public void frameWithoutRollback(Pair pair, Blackhole bh) {
        pair.tick(bh);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long rollback8Frames(LateRemote late) {
        late.step();
        return late.session.lastRollbackDepth();
    }

    static final int SIM_FRAMES = 3600;

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(2 * SIM_FRAMES)
    public Object simulatedFrames() {
        return new Simulator(Simulator.options().seed(7).episodes(1).config(CONFIG.toBuilder().timeSync(true).build())
                .link(new LinkProfile(100, 30, 0.05, 0, 0, 0)).games(() -> new TrivialGame(SIM_FRAMES))
                .actions((p, e, f) -> (f >> 4) & 7).keepRecords(false)).run();
    }
}
