package org.rollscope.netcode.game;

import static org.rollscope.netcode.game.Court.*;
import static org.rollscope.netcode.game.ReferenceGame.*;

/**
 * The reference game's integer physics, as static functions on the state array whose layout {@link ReferenceGame}
 * documents. Integer division truncates towards zero in Java on every platform, which is what makes this bit-exact.
 */
final class CourtPhysics {

    /** Sideways speed given to a ball that lands on the net's top without any (a quarter pixel per frame). */
    static final int NET_ROLL_OFF_SUBPX = SUBPX_PER_PX / 4;

    private CourtPhysics() {}

    /**
     * Runs and jumps one slime for one frame and keeps it on its own half.
     *
     * @param xIndex index of the slime's x in the state; y and vy follow it
     * @return the slime's horizontal displacement this frame (its horizontal velocity for collisions)
     */
    static int moveSlime(int[] s, int xIndex, SlimeAction action, int minX, int maxX) {
        int oldX = s[xIndex];
        int x = clamp(oldX + action.direction() * SLIME_SPEED_SUBPX, minX, maxX);
        int y = s[xIndex + 1];
        int vy = s[xIndex + 2];
        if (y == 0 && action.jump()) {
            vy = JUMP_SPEED_SUBPX;
        }
        if (y > 0 || vy > 0) {
            y += vy;
            vy -= SLIME_GRAVITY_SUBPX;
            if (y <= 0) {
                y = 0;
                vy = 0;
            }
        }
        s[xIndex] = x;
        s[xIndex + 1] = y;
        s[xIndex + 2] = vy;
        return x - oldX;
    }

    /** Gravity, motion, and bounces off the walls, the ceiling and the net. */
    static void moveBall(int[] s) {
        int vy = s[BALL_VY] - BALL_GRAVITY_SUBPX;
        int vx = s[BALL_VX];
        int x = s[BALL_X] + vx;
        int y = s[BALL_Y] + vy;
        if (x < BALL_RADIUS_SUBPX) {
            x = BALL_RADIUS_SUBPX;
            vx = Math.abs(vx);
        } else if (x > WIDTH_SUBPX - BALL_RADIUS_SUBPX) {
            x = WIDTH_SUBPX - BALL_RADIUS_SUBPX;
            vx = -Math.abs(vx);
        }
        if (y > HEIGHT_SUBPX - BALL_RADIUS_SUBPX) {
            y = HEIGHT_SUBPX - BALL_RADIUS_SUBPX;
            vy = -Math.abs(vy);
        }
        boolean overlapsNet = x + BALL_RADIUS_SUBPX > NET_X_SUBPX - NET_HALF_WIDTH_SUBPX
                && x - BALL_RADIUS_SUBPX < NET_X_SUBPX + NET_HALF_WIDTH_SUBPX
                && y - BALL_RADIUS_SUBPX < NET_HEIGHT_SUBPX;
        if (overlapsNet) {
            if (y >= NET_HEIGHT_SUBPX) {            // centre above the top: bounce up off it
                y = NET_HEIGHT_SUBPX + BALL_RADIUS_SUBPX;
                vy = Math.abs(vy);
                if (vx == 0) {                      // never balance on the net for ever: roll off its side
                    vx = x < NET_X_SUBPX ? -NET_ROLL_OFF_SUBPX : NET_ROLL_OFF_SUBPX;
                }
            } else if (x < NET_X_SUBPX) {           // hit its left face
                x = NET_X_SUBPX - NET_HALF_WIDTH_SUBPX - BALL_RADIUS_SUBPX;
                vx = -Math.abs(vx);
            } else {                                // hit its right face
                x = NET_X_SUBPX + NET_HALF_WIDTH_SUBPX + BALL_RADIUS_SUBPX;
                vx = Math.abs(vx);
            }
        }
        s[BALL_X] = x;
        s[BALL_Y] = y;
        s[BALL_VX] = vx;
        s[BALL_VY] = vy;
    }

    /**
     * Bounces the ball off a slime's dome: the ball is put back on the dome's surface and the part of its velocity
     * (relative to the moving slime) that points into the dome is reflected, so a running or jumping slime hits
     * harder. Lengths fit in long products: |dx|, |dy| &lt; 2^18, velocities &lt; 2^13.
     */
    static void collideBallWithSlime(int[] s, int slimeXIndex, int slimeVx) {
        long dx = s[BALL_X] - s[slimeXIndex];
        long dy = s[BALL_Y] - s[slimeXIndex + 1];
        long reach = SLIME_RADIUS_SUBPX + BALL_RADIUS_SUBPX;
        long distSq = dx * dx + dy * dy;
        if (dy < 0 || distSq >= reach * reach) {
            return;                                  // below the flat side, or not touching
        }
        if (distSq == 0) {                           // dead centre: no normal, push straight up
            dy = 1;
            distSq = 1;
        }
        long dist = isqrt(distSq);
        if (dist == 0) {
            dist = 1;
        }
        s[BALL_X] = (int) (s[slimeXIndex] + dx * reach / dist);
        s[BALL_Y] = (int) (s[slimeXIndex + 1] + dy * reach / dist);
        long relVx = s[BALL_VX] - slimeVx;
        long relVy = s[BALL_VY] - s[slimeXIndex + 2];
        long normalSpeed = (relVx * dx + relVy * dy) / dist;   // subpx/frame along the outward normal
        if (normalSpeed < 0) {
            s[BALL_VX] = clamp((int) (s[BALL_VX] - 2 * normalSpeed * dx / dist),
                    -BALL_MAX_SPEED_SUBPX, BALL_MAX_SPEED_SUBPX);
            s[BALL_VY] = clamp((int) (s[BALL_VY] - 2 * normalSpeed * dy / dist),
                    -BALL_MAX_SPEED_SUBPX, BALL_MAX_SPEED_SUBPX);
        }
        // A slime by the wall can push the ball into it: keep the ball in the court, moving away from the wall.
        if (s[BALL_X] < BALL_RADIUS_SUBPX) {
            s[BALL_X] = BALL_RADIUS_SUBPX;
            s[BALL_VX] = Math.abs(s[BALL_VX]);
        } else if (s[BALL_X] > WIDTH_SUBPX - BALL_RADIUS_SUBPX) {
            s[BALL_X] = WIDTH_SUBPX - BALL_RADIUS_SUBPX;
            s[BALL_VX] = -Math.abs(s[BALL_VX]);
        }
    }

    /** Floor of the square root of a non-negative long, bit by bit (no floating point). */
    static long isqrt(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative: " + n);
        }
        long result = 0;
        long bit = 1L << 62;
        while (bit > n) {
            bit >>= 2;
        }
        while (bit != 0) {
            if (n >= result + bit) {
                n -= result + bit;
                result = (result >> 1) + bit;
            } else {
                result >>= 1;
            }
            bit >>= 2;
        }
        return result;
    }

    static int clamp(int v, int min, int max) {
        return v < min ? min : Math.min(v, max);
    }
}
