package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.json.JsonLimits;
import org.rollscope.netcode.json.JsonReader;
import org.rollscope.netcode.json.JsonValue;

class PayloadsTest {
    @Test
    void nonObjectArgumentsAreMalformed() {
        for (Object[] raw : new Object[][] {{}, {"text"}, {new JSONArray()}, {null}, {42}}) {
            JsonValue[] args = new JsonValue[raw.length];
            for (int i = 0; i < raw.length; i++) {
                args[i] = model(raw[i]);
            }
            RelayRequestException e = assertThrows(RelayRequestException.class,
                    () -> Payloads.object("peer_telemetry", args));
            assertEquals(RejectReason.MALFORMED, e.reason());
            assertTrue(e.getMessage().startsWith("peer_telemetry expects a JSON object"), e.getMessage());
        }
    }

    @Test
    void idsMayBeStringsOrIntegersButNothingElse() {
        JsonValue.Obj o = (JsonValue.Obj) model(new JSONObject().put("a", "x").put("b", 1).put("c", 1.5)
                .put("d", JSONObject.NULL).put("e", new JSONObject()));
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
        JsonValue.Obj o = (JsonValue.Obj) model(
                new JSONObject("{\"a\": 12, \"b\": 12.0, \"c\": 12.5, \"d\": \"12\", \"e\": 1e300}"));
        assertEquals(12, Payloads.requireLong(o, "a"));
        assertEquals(12, Payloads.requireLong(o, "b"));
        for (String key : new String[] {"c", "d", "e", "missing"}) {
            assertThrows(RelayRequestException.class, () -> Payloads.requireLong(o, key), key);
        }
    }

    @Test
    void refusalsQuoteAtMostEightyCharactersOfAClientValue() {
        String quoted = Payloads.quote("x".repeat(10_000));
        assertTrue(quoted.length() < 120, quoted);
        assertTrue(quoted.contains("(10000 characters)"), quoted);
        assertEquals("'short'", Payloads.quote("short"));
    }

    private static JsonValue model(Object socketIoValue) {
        return JsonReader.fromSocketIo(socketIoValue, JsonLimits.ofBytes(1 << 20));
    }
}
