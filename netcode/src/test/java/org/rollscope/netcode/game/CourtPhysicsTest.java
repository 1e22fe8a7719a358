package org.rollscope.netcode.game;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CourtPhysicsTest {

    @Test
    void isqrtIsTheFloorOfTheSquareRoot() {
        for (long n = 0; n < 100_000; n++) {
            long r = CourtPhysics.isqrt(n);
            assertTrue(r * r <= n && (r + 1) * (r + 1) > n, "isqrt(" + n + ") = " + r);
        }
        long big = (1L << 40) * 3 + 12345;       // beyond any distance² the court can produce
        long r = CourtPhysics.isqrt(big);
        assertTrue(r * r <= big && (r + 1) * (r + 1) > big, "isqrt(" + big + ") = " + r);
        assertEquals(3037000499L, CourtPhysics.isqrt(Long.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> CourtPhysics.isqrt(-1));
    }

    @Test
    void ballFallingOnTheNetTopBouncesUpAndRollsOff() {
        int[] s = new int[ReferenceGame.SNAPSHOT_SIZE];
        s[ReferenceGame.BALL_X] = Court.NET_X_SUBPX + 1;
        s[ReferenceGame.BALL_Y] = Court.NET_HEIGHT_SUBPX + Court.BALL_RADIUS_SUBPX + 10;
        s[ReferenceGame.BALL_VY] = -600;
        CourtPhysics.moveBall(s);
        assertEquals(Court.NET_HEIGHT_SUBPX + Court.BALL_RADIUS_SUBPX, s[ReferenceGame.BALL_Y]);
        assertTrue(s[ReferenceGame.BALL_VY] > 0, "bounced up: vy " + s[ReferenceGame.BALL_VY]);
        assertEquals(CourtPhysics.NET_ROLL_OFF_SUBPX, s[ReferenceGame.BALL_VX], "rolls off to the right");
    }

    @Test
    void ballHittingTheNetSideBouncesBack() {
        int[] s = new int[ReferenceGame.SNAPSHOT_SIZE];
        s[ReferenceGame.BALL_X] = Court.NET_X_SUBPX - Court.NET_HALF_WIDTH_SUBPX - Court.BALL_RADIUS_SUBPX - 100;
        s[ReferenceGame.BALL_Y] = Court.NET_HEIGHT_SUBPX / 2;
        s[ReferenceGame.BALL_VX] = 500;
        CourtPhysics.moveBall(s);
        assertEquals(-500, s[ReferenceGame.BALL_VX]);
        assertEquals(Court.NET_X_SUBPX - Court.NET_HALF_WIDTH_SUBPX - Court.BALL_RADIUS_SUBPX, s[ReferenceGame.BALL_X]);
    }

    @Test
    void ballDroppingOnASlimeIsPushedOutAndBouncesAway() {
        int[] s = new int[ReferenceGame.SNAPSHOT_SIZE];
        s[ReferenceGame.SLIME0_X] = Court.SLIME0_HOME_X_SUBPX;
        s[ReferenceGame.BALL_X] = Court.SLIME0_HOME_X_SUBPX + 10 * Court.SUBPX_PER_PX;  // right of the top
        s[ReferenceGame.BALL_Y] = Court.SLIME_RADIUS_SUBPX + Court.BALL_RADIUS_SUBPX - 1024;
        s[ReferenceGame.BALL_VY] = -1000;
        CourtPhysics.collideBallWithSlime(s, ReferenceGame.SLIME0_X, 0);
        long dx = s[ReferenceGame.BALL_X] - s[ReferenceGame.SLIME0_X];
        long dy = s[ReferenceGame.BALL_Y];
        long reach = Court.SLIME_RADIUS_SUBPX + Court.BALL_RADIUS_SUBPX;
        long dist = CourtPhysics.isqrt(dx * dx + dy * dy);
        assertTrue(Math.abs(dist - reach) <= 2, "on the surface: distance " + dist + " vs " + reach);
        assertTrue(s[ReferenceGame.BALL_VY] > 0, "bounced up: vy " + s[ReferenceGame.BALL_VY]);
        assertTrue(s[ReferenceGame.BALL_VX] > 0, "deflected right: vx " + s[ReferenceGame.BALL_VX]);
    }

    @Test
    void aSlimeAgainstTheWallCannotPushTheBallOutOfTheCourt() {
        int[] s = new int[ReferenceGame.SNAPSHOT_SIZE];
        s[ReferenceGame.SLIME0_X] = Court.SLIME0_MIN_X_SUBPX;
        s[ReferenceGame.BALL_X] = Court.BALL_RADIUS_SUBPX;               // touching the wall, low beside the slime
        s[ReferenceGame.BALL_Y] = Court.BALL_RADIUS_SUBPX + 256;
        s[ReferenceGame.BALL_VX] = -300;
        CourtPhysics.collideBallWithSlime(s, ReferenceGame.SLIME0_X, -Court.SLIME_SPEED_SUBPX);
        assertEquals(Court.BALL_RADIUS_SUBPX, s[ReferenceGame.BALL_X]);
        assertTrue(s[ReferenceGame.BALL_VX] >= 0, "moving away from the wall: vx " + s[ReferenceGame.BALL_VX]);
    }

    @Test
    void slimeJumpsOnlyFromTheGroundAndLands() {
        int[] s = new int[ReferenceGame.SNAPSHOT_SIZE];
        s[ReferenceGame.SLIME0_X] = Court.SLIME0_HOME_X_SUBPX;
        int maxY = 0;
        int frames = 0;
        CourtPhysics.moveSlime(s, ReferenceGame.SLIME0_X, SlimeAction.JUMP, Court.SLIME0_MIN_X_SUBPX,
                Court.SLIME0_MAX_X_SUBPX);
        while (s[ReferenceGame.SLIME0_X + 1] > 0) {
            maxY = Math.max(maxY, s[ReferenceGame.SLIME0_X + 1]);
            // holding jump in the air must not add height
            CourtPhysics.moveSlime(s, ReferenceGame.SLIME0_X, SlimeAction.JUMP, Court.SLIME0_MIN_X_SUBPX,
                    Court.SLIME0_MAX_X_SUBPX);
            frames++;
            assertTrue(frames < 100, "never landed");
        }
        assertEquals(0, s[ReferenceGame.SLIME0_X + 2], "vy after landing");
        assertTrue(maxY > 80 * Court.SUBPX_PER_PX && maxY < 95 * Court.SUBPX_PER_PX, "peak " + maxY);
    }

    @Test
    void slimeCannotCrossTheNetOrTheWall() {
        int[] s = new int[ReferenceGame.SNAPSHOT_SIZE];
        s[ReferenceGame.SLIME0_X] = Court.SLIME0_MAX_X_SUBPX - 1;
        int vx = CourtPhysics.moveSlime(s, ReferenceGame.SLIME0_X, SlimeAction.RIGHT, Court.SLIME0_MIN_X_SUBPX,
                Court.SLIME0_MAX_X_SUBPX);
        assertEquals(Court.SLIME0_MAX_X_SUBPX, s[ReferenceGame.SLIME0_X]);
        assertEquals(1, vx);
        s[ReferenceGame.SLIME1_X] = Court.SLIME1_MIN_X_SUBPX;
        vx = CourtPhysics.moveSlime(s, ReferenceGame.SLIME1_X, SlimeAction.LEFT, Court.SLIME1_MIN_X_SUBPX,
                Court.SLIME1_MAX_X_SUBPX);
        assertEquals(Court.SLIME1_MIN_X_SUBPX, s[ReferenceGame.SLIME1_X]);
        assertEquals(0, vx);
    }
}
