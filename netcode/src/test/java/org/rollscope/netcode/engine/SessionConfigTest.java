package org.rollscope.netcode.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        SessionConfig c = SessionConfig.builder().build();
        assertEquals(2, c.inputDelay());
        assertEquals(8, c.predictionWindow());
        assertEquals(10, c.inputRedundancy());
        assertEquals(Duration.ofSeconds(5), c.episodeEndConfirmTimeout());
        assertEquals(1000.0 / 60, c.frameMs(), 1e-9);
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        assertNamed("inputDelay", () -> SessionConfig.builder().inputDelay(-1).build());
        assertNamed("predictionWindow", () -> SessionConfig.builder().predictionWindow(0).build());
        assertNamed("inputDelay + predictionWindow",
                () -> SessionConfig.builder().inputDelay(40).predictionWindow(40).build());
        assertNamed("defaultAction", () -> SessionConfig.builder().actionCount(4).defaultAction(4).build());
        assertNamed("inputRedundancy", () -> SessionConfig.builder().inputRedundancy(16).build());
        assertNamed("episodeEndConfirmTimeout",
                () -> SessionConfig.builder().episodeEndConfirmTimeout(Duration.ZERO).build());
        assertNamed("hashResendInterval",
                () -> SessionConfig.builder().hashResendInterval(Duration.ofMillis(-5)).build());
    }

    private static void assertNamed(String name, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(name), e.getMessage());
    }
}
