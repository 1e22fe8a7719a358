package org.rollscope.netcode.game;

/**
 * The reference game's action table: one of six per player per frame, encoded as the {@link #id()} on the wire and in
 * exports. Directions are screen directions (left = towards x = 0) for both players, not mirrored per side.
 *
 * <pre>
 * id  action       horizontal        jump (only when standing on the ground)
 * 0   IDLE         stand still       no
 * 1   LEFT         run left          no
 * 2   RIGHT        run right         no
 * 3   JUMP         stand still       yes
 * 4   LEFT_JUMP    run left          yes
 * 5   RIGHT_JUMP   run right         yes
 * </pre>
 *
 * A held jump while airborne does nothing: the slime jumps again as soon as it lands.
 */
public enum SlimeAction {
    IDLE(0, false),
    LEFT(-1, false),
    RIGHT(1, false),
    JUMP(0, true),
    LEFT_JUMP(-1, true),
    RIGHT_JUMP(1, true);

    /** Number of actions, the reference game's {@code actionCount()}. */
    public static final int COUNT = values().length;

    private static final SlimeAction[] BY_ID = values();

    private final int direction;
    private final boolean jump;

    SlimeAction(int direction, boolean jump) {
        this.direction = direction;
        this.jump = jump;
    }

    /** The action number used by {@link Game#step}, the wire and exports. */
    public int id() {
        return ordinal();
    }

    /** −1 to run left, +1 to run right, 0 to stand. */
    public int direction() {
        return direction;
    }

    /** Whether this action starts a jump when the slime stands on the ground. */
    public boolean jump() {
        return jump;
    }

    /**
     * The action with number {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is outside {@code [0, COUNT)}
     */
    public static SlimeAction of(int id) {
        if (id < 0 || id >= COUNT) {
            throw new IllegalArgumentException("action " + id + " outside [0, " + COUNT + ")");
        }
        return BY_ID[id];
    }
}
