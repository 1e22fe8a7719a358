package org.rollscope.netcode.engine;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.game.StepResult;

/**
 * Carries out a session's {@link FrameRequest}s on a {@link Game} and reports the results back: the one driver that the
 * simulator, SyncTest and the headless peer share.
 *
 * <p>Test hook: {@link #corruptAt} changes this peer's state right after a given frame is stepped (every time it is
 * stepped, replays included), the way a nondeterministic game or a memory fault would, so that desync detection can
 * be tested end to end.
 *
 * <p>Threads: the session's loop thread. Never blocks. The game's exceptions propagate (a broken game is a bug).
 */
public final class FrameRunner {

    private final Game game;
    private final long seed;
    private int episode;
    private int corruptEpisode = -1;
    private int corruptFrame = -1;
    private Consumer<int[]> corruption;
    private int[] scratch;
    private long steps;

    /**
     * @param game the game this peer simulates
     * @param seed the session's game seed ({@code Game.reset(seed, episode)})
     */
    public FrameRunner(Game game, long seed) {
        this.game = Objects.requireNonNull(game, "game");
        this.seed = seed;
    }

    public Game game() {
        return game;
    }

    /** Steps carried out so far, replays included (the simulation cost). */
    public long steps() {
        return steps;
    }

    /**
     * Test hook: after frame {@code frame} of episode {@code episode} is stepped, {@code mutate} edits the saved state,
     * which is then loaded back.
     */
    public void corruptAt(int episode, int frame, Consumer<int[]> mutate) {
        this.corruptEpisode = episode;
        this.corruptFrame = frame;
        this.corruption = Objects.requireNonNull(mutate, "mutate");
    }

    /** Carries out {@code result}'s requests in order, reporting to {@code reports} (the session that made them). */
    public void run(AdvanceResult result, FrameReports reports, long nowMs) {
        run(result.requests(), reports, nowMs);
    }

    /** Carries out {@code requests} in order (see {@link FrameRequest} for the contract). */
    public void run(List<FrameRequest> requests, FrameReports reports, long nowMs) {
        boolean stopAfterSave = false;
        for (FrameRequest r : requests) {
            if (r instanceof FrameRequest.Save s) {
                game.save(s.slot().data());
                if (stopAfterSave) {
                    return;
                }
            } else if (stopAfterSave) {
                return;
            } else if (r instanceof FrameRequest.Advance a) {
                StepResult step = game.step(a.action0(), a.action1());
                steps++;
                if (a.frame() == corruptFrame && episode == corruptEpisode) {
                    corrupt();
                }
                stopAfterSave = !reports.onAdvanced(a, step, game.stateHash(), nowMs);
            } else if (r instanceof FrameRequest.Load l) {
                game.load(l.slot().data());
            } else if (r instanceof FrameRequest.Reset reset) {
                episode = reset.episode();
                game.reset(seed, reset.episode());
                game.save(reset.slot().data());
                reports.onEpisodeStarted(reset.episode(), game.stateHash());
            }
        }
    }

    private void corrupt() {
        if (scratch == null) {
            scratch = new int[game.snapshotSize()];
        }
        game.save(scratch);
        corruption.accept(scratch);
        game.load(scratch);
    }
}
