package org.rollscope.netcode.game;

/**
 * A stand-in for an environment this peer does not run (a MUG experiment's Python environment, which the human's page
 * runs in Pyodide): it only counts frames, so the rollback engine can schedule, exchange and confirm inputs, and ends
 * an episode at {@code maxSteps} (truncated) or at the frame the other peer said its environment ended it
 * ({@link #endAt}, terminal). Rewards are unknown and reported as 0; the state hash covers the frame counter only.
 *
 * <p>Threads: the peer loop only.
 */
public final class StandInGame implements Game {
    private final int actionCount;
    private final int maxSteps;
    private int frame;
    private int episode;
    private boolean over;
    private int endEpisode = -1;
    private int endFrames = Integer.MAX_VALUE;

    /**
     * @param actionCount discrete actions per player (≥ 1)
     * @param maxSteps frames of an episode that no environment ends sooner
     */
    public StandInGame(int actionCount, int maxSteps) {
        if (actionCount < 1 || maxSteps < 1) {
            throw new IllegalArgumentException("actionCount and maxSteps must be >= 1, got " + actionCount + ", "
                    + maxSteps);
        }
        this.actionCount = actionCount;
        this.maxSteps = maxSteps;
    }

    /**
     * The other peer's environment ended episode {@code episode} (0-based) after {@code frames} frames: this one ends
     * there too. Frames already simulated past it are not undone (the engine exports up to the agreed end).
     */
    public void endAt(int episode, int frames) {
        if (frames > 0 && episode >= this.episode) {
            endEpisode = episode;
            endFrames = frames;
        }
    }

    @Override
    public int actionCount() {
        return actionCount;
    }

    @Override
    public void reset(long seed, int episode) {
        this.episode = episode;
        frame = 0;
        over = false;
    }

    @Override
    public StepResult step(int action0, int action1) {
        if (action0 < 0 || action0 >= actionCount || action1 < 0 || action1 >= actionCount) {
            throw new IllegalArgumentException("actions must be in [0, " + actionCount + "), got " + action0 + ", "
                    + action1);
        }
        if (over) {
            throw new IllegalStateException("episode " + episode + " already ended at frame " + frame);
        }
        frame++;
        boolean terminal = episode == endEpisode && frame >= endFrames;
        boolean truncated = !terminal && frame >= maxSteps;
        over = terminal || truncated;
        return new StepResult(0, 0, terminal, truncated);
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
        return 3;
    }

    @Override
    public void save(int[] into) {
        into[0] = frame;
        into[1] = episode;
        into[2] = over ? 1 : 0;
    }

    @Override
    public void load(int[] from) {
        frame = from[0];
        episode = from[1];
        over = from[2] == 1;
    }

    @Override
    public long stateHash() {
        return Fnv1a64.hashInts(new int[] {frame, episode}, 2);
    }
}
