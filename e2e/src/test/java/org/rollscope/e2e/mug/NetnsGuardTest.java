package org.rollscope.e2e.mug;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness runs only inside the namespace run.sh made: nowhere else would MUG and Chromium stay on the machine. */
class NetnsGuardTest {

    @Test
    void noNamespaceNamedIsRefusedWithTheWayToRunTheSuite() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NetnsGuard.requireInside(""));
        assertTrue(e.getMessage().contains("testing/mug-e2e/run.sh"), e.getMessage());
    }

    @Test
    void aNamespaceThatDoesNotExistIsRefused() {
        assertThrows(IllegalStateException.class, () -> NetnsGuard.requireInside("rollscope-e2e-no-such-namespace"));
    }

    @Test
    void theSuiteRunsInsideTheNamespaceRunShMade() {
        assertDoesNotThrow(() -> NetnsGuard.requireInside(System.getenv("ROLLSCOPE_E2E_NETNS")));
    }
}
