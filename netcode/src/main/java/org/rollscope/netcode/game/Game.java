package org.rollscope.netcode.game;

/**
 * A deterministic two-player game that the rollback engine's driver can step, snapshot and restore.
 *
 * <p>Determinism is the contract: the same {@link #reset} and the same sequence of {@link #step} calls give the same
 * states, rewards and {@link #stateHash()} on every machine and JVM. Only integer arithmetic, no wall clock, no
 * shared random source. Snapshots are plain {@code int[]} copies so that save and restore cost microseconds.
 *
 * <p>Threads: one game belongs to one peer loop and is called only from that loop's thread.
 */
public interface Game {

    /** Number of discrete actions per player (at most 8). Action 0 is "do nothing". */
    int actionCount();

    /** Puts the game in the initial state of episode {@code episode} (0-based). Equal arguments give equal states. */
    void reset(long seed, int episode);

    /**
     * Advances one frame with one action per player.
     *
     * @throws IllegalArgumentException if an action is outside {@code [0, actionCount())}
     * @throws IllegalStateException if the episode has already ended
     */
    StepResult step(int action0, int action1);

    /** Frames stepped since the last {@link #reset}. */
    int frame();

    /** True once a step returned a terminal or truncated result, until the next reset. */
    boolean episodeOver();

    /** Length of the snapshot buffer that {@link #save} fills and {@link #load} reads. Constant for a game. */
    int snapshotSize();

    /** Copies the whole state (including {@link #frame()}) into {@code into}, of length {@link #snapshotSize()}. */
    void save(int[] into);

    /** Restores a state that {@link #save} produced. */
    void load(int[] from);

    /** A 64-bit hash of the whole state, stable across runs, JVMs and machines. */
    long stateHash();
}
