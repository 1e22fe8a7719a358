package org.rollscope.netcode.game;

import static org.rollscope.netcode.game.Court.*;

/**
 * The deterministic test workload: slime volleyball for two players with integer physics (see {@link Court} for
 * dimensions and units, {@link SlimeAction} for the action table). Player 0 plays the left half, player 1 the right.
 *
 * <p><b>Rules.</b> Each frame both slimes move by their action, then the ball falls, bounces off walls, ceiling, net
 * and slimes. When the ball touches the ground, the player on the other half scores: reward +1 to the scorer and −1
 * to the other for that frame, 0 for everyone otherwise. The scorer serves the next point: both slimes go back home
 * and the ball drops from {@link Court#SERVE_HEIGHT_SUBPX} a few pixels beside the server. The episode is terminal when
 * a player reaches {@link Config#pointsToWin()}, truncated after {@link Config#maxFrames()} frames otherwise.
 *
 * <p><b>Randomness.</b> {@link #reset} seeds a SplitMix64 state from (seed, episode); it picks the first server and
 * every serve's offset, and lives in the snapshot so that a restored game serves the same way.
 *
 * <p><b>State layout</b> ({@value #SNAPSHOT_SIZE} ints, copied as-is by {@link #save} and hashed by {@link
 * #stateHash}): {@code [0] frame, [1] score0, [2] score1, [3] ballX, [4] ballY, [5] ballVx, [6] ballVy, [7] slime0X,
 * [8] slime0Y, [9] slime0Vy, [10] slime1X, [11] slime1Y, [12] slime1Vy, [13] rng high 32 bits, [14] rng low 32 bits,
 * [15] outcome (0 playing, 1 terminal, 2 truncated)}. Lengths in subpixels, speeds in subpixels per frame.
 *
 * <p>Threads: not thread-safe; one instance belongs to one peer loop. Never blocks, and {@link #step}, {@link #save},
 * {@link #load} and {@link #stateHash} allocate nothing.
 */
public final class ReferenceGame implements Game {

    static final int FRAME = 0;
    static final int SCORE0 = 1;
    static final int SCORE1 = 2;
    static final int BALL_X = 3;
    static final int BALL_Y = 4;
    static final int BALL_VX = 5;
    static final int BALL_VY = 6;
    static final int SLIME0_X = 7;   // followed by slime0 y and vy
    static final int SLIME1_X = 10;  // followed by slime1 y and vy
    static final int RNG_HI = 13;
    static final int RNG_LO = 14;
    static final int OUTCOME = 15;
    /** Ints in a snapshot. */
    public static final int SNAPSHOT_SIZE = 16;

    private static final int PLAYING = 0;
    private static final int TERMINAL = 1;
    private static final int TRUNCATED = 2;

    /** Separates the episode stream from the seed stream, so (seed, episode) and (episode, seed) differ. */
    private static final long EPISODE_SALT = 0x5EED_E915_0DE5_0001L;

    private static final StepResult NOTHING = new StepResult(0, 0, false, false);
    private static final StepResult NOTHING_TRUNCATED = new StepResult(0, 0, false, true);

    /**
     * Episode limits.
     *
     * @param maxFrames frames after which an undecided episode is truncated (positive)
     * @param pointsToWin points that win the match and end the episode as terminal (positive)
     */
    public record Config(int maxFrames, int pointsToWin) {
        /**
         * Fifteen points, and truncation after 7,200 frames (two minutes at 60 fps). Two random bots score a point
         * about every 70 frames, so they decide a match in roughly 1,600–2,800 frames (mean about 2,000 over 40 seeds);
         * two idle players take about 4,200 frames (the served ball rolls off a slime), so both end as terminal.
         */
        public static final Config DEFAULT = new Config(7_200, 15);

        /** @throws IllegalArgumentException if a limit is not positive */
        public Config {
            if (maxFrames <= 0) {
                throw new IllegalArgumentException("maxFrames must be positive, was " + maxFrames);
            }
            if (pointsToWin <= 0) {
                throw new IllegalArgumentException("pointsToWin must be positive, was " + pointsToWin);
            }
        }
    }

    private final Config config;
    private final int[] s = new int[SNAPSHOT_SIZE];

    /** A game with {@link Config#DEFAULT}, in the initial state of seed 0, episode 0. */
    public ReferenceGame() {
        this(Config.DEFAULT);
    }

    /** A game with the given limits, in the initial state of seed 0, episode 0. */
    public ReferenceGame(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
        reset(0, 0);
    }

    /** The limits this game was built with. */
    public Config config() {
        return config;
    }

    @Override
    public int actionCount() {
        return SlimeAction.COUNT;
    }

    @Override
    public void reset(long seed, int episode) {
        java.util.Arrays.fill(s, 0);
        setRng(SplitMix64.combine(seed, EPISODE_SALT + episode));
        int firstServer = (int) (nextRandom() >>> 63);
        serve(firstServer);
    }

    @Override
    public StepResult step(int action0, int action1) {
        SlimeAction a0 = checkedAction(0, action0);
        SlimeAction a1 = checkedAction(1, action1);
        if (s[OUTCOME] != PLAYING) {
            throw new IllegalStateException("episode already " + (s[OUTCOME] == TERMINAL ? "terminal" : "truncated")
                    + " at frame " + s[FRAME] + "; reset before stepping again");
        }
        int slime0Vx = CourtPhysics.moveSlime(s, SLIME0_X, a0, SLIME0_MIN_X_SUBPX, SLIME0_MAX_X_SUBPX);
        int slime1Vx = CourtPhysics.moveSlime(s, SLIME1_X, a1, SLIME1_MIN_X_SUBPX, SLIME1_MAX_X_SUBPX);
        CourtPhysics.moveBall(s);
        CourtPhysics.collideBallWithSlime(s, SLIME0_X, slime0Vx);
        CourtPhysics.collideBallWithSlime(s, SLIME1_X, slime1Vx);
        s[FRAME]++;

        if (s[BALL_Y] > BALL_RADIUS_SUBPX) {
            if (s[FRAME] >= config.maxFrames()) {
                s[OUTCOME] = TRUNCATED;
                return NOTHING_TRUNCATED;
            }
            return NOTHING;
        }
        // The ball touched the ground: the player on the other half scores.
        int scorer = s[BALL_X] < NET_X_SUBPX ? 1 : 0;
        int score = ++s[scorer == 0 ? SCORE0 : SCORE1];
        boolean terminal = score >= config.pointsToWin();
        boolean truncated = false;
        if (terminal) {
            s[OUTCOME] = TERMINAL;                  // leave the ball where it landed, for the view
        } else {
            serve(scorer);
            if (s[FRAME] >= config.maxFrames()) {
                s[OUTCOME] = TRUNCATED;
                truncated = true;
            }
        }
        double reward0 = scorer == 0 ? 1 : -1;
        return new StepResult(reward0, -reward0, terminal, truncated);
    }

    @Override
    public int frame() {
        return s[FRAME];
    }

    @Override
    public boolean episodeOver() {
        return s[OUTCOME] != PLAYING;
    }

    @Override
    public int snapshotSize() {
        return SNAPSHOT_SIZE;
    }

    /** @throws IllegalArgumentException if {@code into} is shorter than {@link #snapshotSize()} */
    @Override
    public void save(int[] into) {
        checkLength(into);
        System.arraycopy(s, 0, into, 0, SNAPSHOT_SIZE);
    }

    /** @throws IllegalArgumentException if {@code from} is shorter than {@link #snapshotSize()} */
    @Override
    public void load(int[] from) {
        checkLength(from);
        System.arraycopy(from, 0, s, 0, SNAPSHOT_SIZE);
    }

    /** {@link Fnv1a64} over the {@value #SNAPSHOT_SIZE} state ints in layout order; the limits are not hashed. */
    @Override
    public long stateHash() {
        return Fnv1a64.hashInts(s, SNAPSHOT_SIZE);
    }

    /** A copy of the state for drawing. Allocates one small record. */
    public CourtView view() {
        return new CourtView(s[FRAME], s[SCORE0], s[SCORE1], s[BALL_X], s[BALL_Y],
                s[SLIME0_X], s[SLIME0_X + 1], s[SLIME1_X], s[SLIME1_X + 1],
                s[OUTCOME] == TERMINAL, s[OUTCOME] == TRUNCATED,
                WIDTH_SUBPX, HEIGHT_SUBPX, NET_HEIGHT_SUBPX, NET_HALF_WIDTH_SUBPX,
                SLIME_RADIUS_SUBPX, BALL_RADIUS_SUBPX);
    }

    /** Points won so far by {@code player} (0 or 1). */
    public int score(int player) {
        if (player != 0 && player != 1) {
            throw new IllegalArgumentException("player must be 0 or 1, was " + player);
        }
        return s[player == 0 ? SCORE0 : SCORE1];
    }

    private void serve(int server) {
        s[SLIME0_X] = SLIME0_HOME_X_SUBPX;
        s[SLIME1_X] = SLIME1_HOME_X_SUBPX;
        s[SLIME0_X + 1] = s[SLIME0_X + 2] = 0;
        s[SLIME1_X + 1] = s[SLIME1_X + 2] = 0;
        long r = nextRandom();
        int offset = SERVE_MIN_OFFSET_SUBPX
                + SplitMix64.below(r, SERVE_MAX_OFFSET_SUBPX - SERVE_MIN_OFFSET_SUBPX + 1);
        if ((r & 1) != 0) {
            offset = -offset;
        }
        s[BALL_X] = (server == 0 ? SLIME0_HOME_X_SUBPX : SLIME1_HOME_X_SUBPX) + offset;
        s[BALL_Y] = SERVE_HEIGHT_SUBPX;
        s[BALL_VX] = 0;
        s[BALL_VY] = 0;
    }

    private long nextRandom() {
        long state = SplitMix64.next(((long) s[RNG_HI] << 32) | (s[RNG_LO] & 0xFFFF_FFFFL));
        setRng(state);
        return SplitMix64.mix(state);
    }

    private void setRng(long state) {
        s[RNG_HI] = (int) (state >>> 32);
        s[RNG_LO] = (int) state;
    }

    private static SlimeAction checkedAction(int player, int action) {
        if (action < 0 || action >= SlimeAction.COUNT) {
            throw new IllegalArgumentException("player " + player + "'s action " + action
                    + " outside [0, " + SlimeAction.COUNT + ")");
        }
        return SlimeAction.of(action);
    }

    private static void checkLength(int[] snapshot) {
        if (snapshot.length < SNAPSHOT_SIZE) {
            throw new IllegalArgumentException("snapshot length " + snapshot.length + " < " + SNAPSHOT_SIZE);
        }
    }
}
