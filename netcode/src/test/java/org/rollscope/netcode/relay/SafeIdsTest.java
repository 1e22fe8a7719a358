package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "g-0a1b2c3d4e", "lab_7.session-2", "P"})
    void plainNamesAreSafe(String id) {
        assertTrue(SafeIds.isSafe(id));
        assertEquals(id, SafeIds.require("game_id", id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../x", "a/b", "a\\b", ".hidden", "-flag", "a..b", "x y", "é", "a\u0000b",
            "C:", "01234567890123456789012345678901234567890123456789012345678901234"})
    void pathTricksAndOddNamesAreRejected(String id) {
        assertFalse(SafeIds.isSafe(id));
        RelayRequestException e = assertThrows(RelayRequestException.class, () -> SafeIds.require("player_id", id));
        assertEquals(RejectReason.INVALID_ID, e.reason());
        assertTrue(e.getMessage().startsWith("player_id"));
    }

    @org.junit.jupiter.api.Test
    void nullIsNotSafe() {
        assertFalse(SafeIds.isSafe(null));
    }
}
