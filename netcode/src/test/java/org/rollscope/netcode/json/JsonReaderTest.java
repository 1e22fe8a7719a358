package org.rollscope.netcode.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
    private static final JsonLimits LIMITS = JsonLimits.ofBytes(64 * 1024);

    @Test
    void nestingBeyondTheDepthLimitIsRefusedWithoutEchoingTheValue() {
        Object deep = new JSONTokener("[".repeat(1500) + "]".repeat(1500)).nextValue();
        JsonLimitException e = assertThrows(JsonLimitException.class, () -> JsonReader.fromSocketIo(deep, LIMITS));
        assertEquals(JsonLimitException.Kind.TOO_DEEP, e.kind());
        assertTrue(e.getMessage().contains("deeper than 32"), e.getMessage());
        Object ok = new JSONTokener("[".repeat(32) + "]".repeat(32)).nextValue();
        JsonReader.fromSocketIo(ok, LIMITS);
    }

    @Test
    void theByteLimitCountsUtf8BytesOfTheEncodingExactly() {
        String euro = "€".repeat(30_000); // 30,000 chars, 90,000 UTF-8 bytes
        JsonLimitException e = assertThrows(JsonLimitException.class,
                () -> JsonReader.fromSocketIo(new JSONObject().put("k", euro), LIMITS));
        assertEquals(JsonLimitException.Kind.TOO_LARGE, e.kind());

        JSONObject value = new JSONObject().put("k", "é\"\\\n\u0001😀").put("n", 12).put("x", 1.5)
                .put("a", new JSONArray().put(true).put(JSONObject.NULL));
        JsonValue model = JsonReader.fromSocketIo(value, LIMITS);
        int exact = model.toJson().getBytes(StandardCharsets.UTF_8).length;
        JsonReader.fromSocketIo(value, JsonLimits.ofBytes(exact));
        assertThrows(JsonLimitException.class, () -> JsonReader.fromSocketIo(value, JsonLimits.ofBytes(exact - 1)));
    }

    @Test
    void countsAreLimitedPerObjectPerArrayAndInAll() {
        JsonLimits small = new JsonLimits(8, 1 << 20, 3, 3, 10);
        JSONObject members = new JSONObject().put("a", 1).put("b", 2).put("c", 3).put("d", 4);
        assertEquals(JsonLimitException.Kind.TOO_MANY,
                assertThrows(JsonLimitException.class, () -> JsonReader.fromSocketIo(members, small)).kind());
        JSONArray items = new JSONArray(List.of(1, 2, 3, 4));
        assertEquals(JsonLimitException.Kind.TOO_MANY,
                assertThrows(JsonLimitException.class, () -> JsonReader.fromSocketIo(items, small)).kind());
        JSONArray many = new JSONArray(List.of(List.of(1, 2, 3), List.of(1, 2, 3), List.of(1, 2, 3)));
        assertEquals(JsonLimitException.Kind.TOO_MANY,
                assertThrows(JsonLimitException.class, () -> JsonReader.fromSocketIo(many, small)).kind());
    }

    @Test
    void nonFiniteNumbersAndForeignTypesAreNotJson() {
        for (Object bad : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, new Object(),
                new JSONObject().put("k", new StringBuilder("x"))}) {
            assertEquals(JsonLimitException.Kind.NOT_JSON,
                    assertThrows(JsonLimitException.class, () -> JsonReader.fromSocketIo(bad, LIMITS)).kind(),
                    String.valueOf(bad));
        }
    }

    @Test
    void everyModelValueIsWrittenAsJsonThatJacksonReadsBack() throws Exception {
        JSONObject value = new JSONObject().put("ctl", "\u0000\u001f\t").put("lone", "a\ud800b").put("pair", "😀")
                .put("null", JSONObject.NULL).put("big", 1e300).put("neg", -7).put("whole", 5.0)
                .put("bin", new byte[] {1, 2, 3}).put("nested", new JSONObject().put("x", new JSONArray()));
        JsonValue model = JsonReader.fromSocketIo(value, LIMITS);
        Map<?, ?> back = new ObjectMapper().readValue(model.toJson(), Map.class);
        assertEquals("\u0000\u001f\t", back.get("ctl"));
        assertEquals("a\ud800b", back.get("lone"));
        assertEquals("😀", back.get("pair"));
        assertTrue(back.containsKey("null") && back.get("null") == null);
        assertEquals(1e300, back.get("big"));
        assertEquals(5, back.get("whole"));
        assertEquals("AQID", back.get("bin"));
        assertEquals(new ObjectMapper().writeValueAsString(model.toPlain()).replace("\\u0000", "\\u0000"),
                new ObjectMapper().writeValueAsString(new ObjectMapper().readValue(model.toJson(), Map.class)));
    }

    @Test
    void textIsParsedUnderTheSameLimits() {
        assertEquals(JsonValue.Num.of(3), ((JsonValue.Obj) JsonReader.parse("{\"a\": 3}", LIMITS)).get("a"));
        assertThrows(JsonLimitException.class, () -> JsonReader.parse("{\"a\": 3} trailing", LIMITS));
        assertThrows(JsonLimitException.class, () -> JsonReader.parse("{\"a\": ", LIMITS));
        assertThrows(JsonLimitException.class, () -> JsonReader.parse("word", LIMITS));
    }
}
