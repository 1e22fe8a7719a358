package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class PayloadsTest {
    @Test
    void nonObjectArgumentsAreMalformed() {
        for (Object[] args : new Object[][] {{}, {"text"}, {new JSONArray()}, {null}, {42}}) {
            RelayRequestException e = assertThrows(RelayRequestException.class,
                    () -> Payloads.object("peer_telemetry", args));
            assertEquals(RejectReason.MALFORMED, e.reason());
            assertTrue(e.getMessage().startsWith("peer_telemetry expects a JSON object"), e.getMessage());
        }
    }

    @Test
    void idsMayBeStringsOrIntegersButNothingElse() {
        JSONObject o = new JSONObject().put("a", "x").put("b", 1).put("c", 1.5).put("d", JSONObject.NULL)
                .put("e", new JSONObject());
        assertEquals("x", Payloads.requireId(o, "a"));
        assertEquals("1", Payloads.requireId(o, "b"));
        assertThrows(RelayRequestException.class, () -> Payloads.requireId(o, "c"));
        assertNull(Payloads.optId(o, "d"));
        assertThrows(RelayRequestException.class, () -> Payloads.requireId(o, "d"));
        assertThrows(RelayRequestException.class, () -> Payloads.optId(o, "e"));
        assertNull(Payloads.optId(o, "missing"));
    }

    @Test
    void integersMustBeWholeNumbers() {
        JSONObject o = new JSONObject("{\"a\": 12, \"b\": 12.0, \"c\": 12.5, \"d\": \"12\", \"e\": 1e300}");
        assertEquals(12, Payloads.requireLong(o, "a"));
        assertEquals(12, Payloads.requireLong(o, "b"));
        for (String key : new String[] {"c", "d", "e", "missing"}) {
            assertThrows(RelayRequestException.class, () -> Payloads.requireLong(o, key), key);
        }
    }

    @Test
    void sizeCountsStringsBinaryAndNesting() {
        long small = Payloads.sizeOf(new JSONObject().put("k", "v"));
        long big = Payloads.sizeOf(new JSONObject().put("k", "v".repeat(10_000)));
        assertTrue(big - small >= 9_999, "string length counts: " + small + " vs " + big);
        assertEquals(4096, Payloads.sizeOf(new byte[4096]));
        long nested = Payloads.sizeOf(new JSONObject().put("a", new JSONArray().put(new byte[1000])));
        assertTrue(nested >= 1000);
    }
}
