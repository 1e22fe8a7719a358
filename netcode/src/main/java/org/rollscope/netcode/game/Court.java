package org.rollscope.netcode.game;

/**
 * Dimensions and physics constants of the reference game, in fixed point: every length is in subpixels
 * ({@value #SUBPX_PER_PX} per pixel), every speed in subpixels per frame, every acceleration in subpixels per frame².
 * The y axis points up and y = 0 is the ground. The court is meant to be drawn at 60 frames per second.
 *
 * <p>Slimes are half-discs standing on their flat side: (x, y) is the centre of the flat side. The ball is a disc
 * whose (x, y) is its centre. The net is a thin wall in the middle of the court.
 */
public final class Court {

    /** Fixed-point scale: 256 subpixels make one pixel. */
    public static final int SUBPX_PER_PX = 256;

    /** Court width: the walls are at x = 0 and x = WIDTH_SUBPX. */
    public static final int WIDTH_SUBPX = 640 * SUBPX_PER_PX;
    /** Ceiling height: the ball bounces off it, so it never leaves the drawn court. */
    public static final int HEIGHT_SUBPX = 400 * SUBPX_PER_PX;
    /** Net centre line. */
    public static final int NET_X_SUBPX = WIDTH_SUBPX / 2;
    /** Half the net's thickness; the net spans NET_X ± this. */
    public static final int NET_HALF_WIDTH_SUBPX = 4 * SUBPX_PER_PX;
    /** Height of the net's top. */
    public static final int NET_HEIGHT_SUBPX = 56 * SUBPX_PER_PX;

    /** Radius of each slime's half-disc. */
    public static final int SLIME_RADIUS_SUBPX = 40 * SUBPX_PER_PX;
    /** Radius of the ball. */
    public static final int BALL_RADIUS_SUBPX = 10 * SUBPX_PER_PX;

    /** Horizontal run speed of a slime (4 px per frame). */
    public static final int SLIME_SPEED_SUBPX = 4 * SUBPX_PER_PX;
    /** Upward speed at the start of a jump (8 px per frame: a jump peaks about 85 px high after 21 frames). */
    public static final int JUMP_SPEED_SUBPX = 8 * SUBPX_PER_PX;
    /** Gravity on slimes (0.375 px per frame²). */
    public static final int SLIME_GRAVITY_SUBPX = 96;
    /** Gravity on the ball (0.25 px per frame²): floatier than the slimes, so a rally is playable. */
    public static final int BALL_GRAVITY_SUBPX = 64;
    /** Cap on each ball velocity component (12 px per frame), so hits stay visible and collisions never tunnel. */
    public static final int BALL_MAX_SPEED_SUBPX = 12 * SUBPX_PER_PX;

    /** Where each slime stands at a serve: the middle of its half. */
    public static final int SLIME0_HOME_X_SUBPX = WIDTH_SUBPX / 4;
    /** Where player 1's slime stands at a serve. */
    public static final int SLIME1_HOME_X_SUBPX = WIDTH_SUBPX - WIDTH_SUBPX / 4;
    /** Height from which a served ball drops. */
    public static final int SERVE_HEIGHT_SUBPX = 200 * SUBPX_PER_PX;
    /** Smallest and largest horizontal offset of a serve from the server's centre, so that it never drops dead centre. */
    public static final int SERVE_MIN_OFFSET_SUBPX = 4 * SUBPX_PER_PX;
    /** Largest horizontal offset of a serve. */
    public static final int SERVE_MAX_OFFSET_SUBPX = 20 * SUBPX_PER_PX;

    /** Leftmost and rightmost centre of player 0's slime (its own half, wall to net). */
    public static final int SLIME0_MIN_X_SUBPX = SLIME_RADIUS_SUBPX;
    /** Rightmost centre of player 0's slime. */
    public static final int SLIME0_MAX_X_SUBPX = NET_X_SUBPX - NET_HALF_WIDTH_SUBPX - SLIME_RADIUS_SUBPX;
    /** Leftmost centre of player 1's slime. */
    public static final int SLIME1_MIN_X_SUBPX = NET_X_SUBPX + NET_HALF_WIDTH_SUBPX + SLIME_RADIUS_SUBPX;
    /** Rightmost centre of player 1's slime. */
    public static final int SLIME1_MAX_X_SUBPX = WIDTH_SUBPX - SLIME_RADIUS_SUBPX;

    private Court() {}
}
