package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket, with time stepped by hand. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstPassesThenTheSustainedRateRefills() {
        RateLimiter limiter = new RateLimiter(10, 20, 0);
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            if (limiter.tryAcquire(0)) {
                passed++;
            }
        }
        assertEquals(20, passed, "exactly the burst at one instant");
        assertFalse(limiter.tryAcquire(SECOND / 20), "half a token is not enough");
        assertTrue(limiter.tryAcquire(SECOND / 10), "one token after 100 ms at 10/s");
        int afterOneSecond = 0;
        for (int i = 0; i < 100; i++) {
            if (limiter.tryAcquire(SECOND / 10 + SECOND)) {
                afterOneSecond++;
            }
        }
        assertEquals(10, afterOneSecond);
    }

    @Test
    void refillNeverExceedsTheBurst() {
        RateLimiter limiter = new RateLimiter(10, 5, 0);
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            if (limiter.tryAcquire(3600 * SECOND)) {
                passed++;
            }
        }
        assertEquals(5, passed);
    }

    @Test
    void warningsToAFlooderAreAtMostOncePerSecond() {
        RateLimiter limiter = new RateLimiter(1, 1, 0);
        assertTrue(limiter.shouldWarn(0));
        assertFalse(limiter.shouldWarn(SECOND / 2));
        assertTrue(limiter.shouldWarn(SECOND));
    }
}
