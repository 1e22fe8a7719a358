package org.rollscope.netcode.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.load.SyntheticSample;

/**
 * {@link JsonText} against the usual way it stands in for: socket.io-server's decoder (org.json's
 * {@code JSONTokener} over the event's array) and then {@link JsonReader#fromSocketIo}. Wherever it reads a value,
 * the value must be the usual one, members in the same order (compared as {@link JsonWriter} text, which writes them
 * in iteration order); wherever org.json reads differently, refuses, or a limit is hit, it must give up.
 */
class JsonTextTest {
    private static final JsonLimits LIMITS = JsonLimits.ofBytes(65_536);

    /** The usual way: the event's argument as the decoder hands it over, converted by the boundary. */
    private static JsonValue usual(String text, JsonLimits limits) {
        Object parsed = ((JSONArray) new JSONTokener("[\"e\"," + text + "]").nextValue()).get(1);
        return JsonReader.fromSocketIo(parsed == JSONObject.NULL ? null : parsed, limits);
    }

    private static JsonValue fast(String text, JsonLimits limits) {
        String framed = "xx" + text + "]"; // read in place, as from a frame
        return JsonText.readOrNull(framed, 2, framed.length() - 1, limits);
    }

    private static void assertReadAsUsual(String text) {
        JsonValue fast = fast(text, LIMITS);
        assertNotNull(fast, () -> "gave up on " + text);
        JsonValue usual = usual(text, LIMITS);
        assertEquals(usual, fast, text);
        assertEquals(usual.toJson(), fast.toJson(), () -> "order or form differs for " + text);
    }

    @Test
    void readsTelemetrySamplesAndEveryFormOfValueAsTheUsualWay() {
        for (String text : List.of(
                SyntheticSample.of("g-1", "p-0", 17, 1_700_000_000_123L, 10, "p2p", 0, 0),
                SyntheticSample.of("g-2", "p-1", 4_000, 1_700_000_999_000L, 10, "relay", 12, 40),
                "{\"seq\":1,\"t_ms\":5,\"state\":\"running\"}",
                "{\"seq\":1,\"t_ms\":5,\"state\":\"running\",\"stalls\":null,\"rtt_ms\":33.0,\"fps\":19.5,"
                        + "\"link\":null,\"focused\":true,\"gap_rate\":0.1,\"frame_advantage\":-2.6}",
                "0", "-1", "7", "12.5", "12.0", "1e3", "1E3", "1.5E-7", "-2.25e+2", "2e-0", "0.1",
                "3.141592653589793", "123456789012345678", "-123456789012345678", "1234567890123456789",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999",
                "1e300", "1.7976931348623157e308", "4.9e-324", "100.000", "9007199254740993.0",
                "\"\"", "\"plain\"", "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
                "\"\\u00e9\\u00E9 \\ud83d\\ude00 \\u0000\"",
                "\"\u00e9t\u00e9 \ud83d\ude00 \u4e2d\"", "\"\\ud800 lone\"",
                "true", "false", "null", "{}", "[]", "[[]]", "[{}]", "[1,2,3]", "[null,true,\"x\",1.5,{\"a\":[]}]",
                " { \"a\" : 1 ,\n\t\"b\" :\r [ 1 , 2 ] } ",
                "{\"a\":{\"b\":{\"c\":{\"d\":[1,[2,[3]]]}}}}")) {
            assertReadAsUsual(text);
        }
    }

    @Test
    void keepsOrgJsonsMemberOrderForManyMembersAndCollidingKeys() {
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            many.append(i == 0 ? "" : ",").append("\"key-").append(i * 7919 % 1000).append("\":").append(i);
        }
        assertReadAsUsual(many.append('}').toString());
        // "Aa" and "BB" have the same hash: the same bucket, where insertion order decides.
        assertReadAsUsual("{\"BB\":1,\"Aa\":2,\"AaAa\":3,\"BBBB\":4,\"AaBB\":5,\"BBAa\":6}");
        assertReadAsUsual("{\"Aa\":1,\"BB\":2,\"BBBB\":3,\"AaAa\":4,\"BBAa\":5,\"AaBB\":6}");
    }

    @Test
    void readsRandomValuesAsTheUsualWay() {
        Random random = new Random(20261202);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder text = new StringBuilder();
            randomValue(random, text, 0);
            assertReadAsUsual(text.toString());
        }
    }

    @Test
    void givesUpOnWhatOrgJsonReadsDifferentlyOrRefuses() {
        for (String text : List.of("{a:1}", "{'a':1}", "'a'", "[1,]", "{\"a\":1,}", "[,1]", "01", "-01", "-0", "-0.0",
                "-0e5", "00", "1.", ".5", "+1", "1e", "1e+", "1e99999", "1e-10000", "NaN", "Infinity", "True", "nul",
                "tru", "truex", "1x", "[1 2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":2}",
                "{\"a\":null,\"a\":null}", "\"raw\ttab\"", "\"raw\nnewline\"", "\"\\x\"", "\"\\u12\"", "\"\\u12g4\"",
                "\"unterminated", "{} {}", "[1] x", "", " ", "{\"a\":1}/*c*/", "[1;2]", "{\"a\"=1}", "1 2")) {
            assertNull(fast(text, LIMITS), () -> "read " + text);
        }
    }

    @Test
    void givesUpExactlyWhereTheUsualWayRefusesALimit() {
        JsonLimits limits = JsonLimits.ofBytes(100);
        String fits = "{\"a\":\"" + "x".repeat(100 - 8) + "\"}"; // 2 braces + "a" + colon (4) + the string (2 + n)
        String over = "{\"a\":\"" + "x".repeat(100 - 7) + "\"}";
        assertEquals(usual(fits, limits), fast(fits, limits));
        assertNull(fast(over, limits));
        assertEquals(JsonLimitException.Kind.TOO_LARGE,
                assertThrows(JsonLimitException.class, () -> usual(over, limits)).kind());
        String utf8 = "\"" + "\u00e9".repeat(49) + "\""; // 2 + 98 bytes: at the limit, though only 51 characters
        assertEquals(usual(utf8, limits), fast(utf8, limits));
        assertNull(fast("\"" + "\u00e9".repeat(49) + "x\"", limits));

        String deepest = "[".repeat(JsonLimits.DEFAULT_MAX_DEPTH) + "]".repeat(JsonLimits.DEFAULT_MAX_DEPTH);
        String tooDeep = "{\"a\":" + deepest + "}";
        assertReadAsUsual(deepest);
        assertNull(fast(tooDeep, LIMITS));
        assertEquals(JsonLimitException.Kind.TOO_DEEP,
                assertThrows(JsonLimitException.class, () -> usual(tooDeep, LIMITS)).kind());

        for (String[] pair : new String[][] {
                {members(JsonLimits.DEFAULT_MAX_MEMBERS), members(JsonLimits.DEFAULT_MAX_MEMBERS + 1)},
                {items(JsonLimits.DEFAULT_MAX_ITEMS), items(JsonLimits.DEFAULT_MAX_ITEMS + 1)},
                {"[" + items(8_000) + "," + items(8_000) + "," + items(3_996) + "]", // 1 + 3 + 19,996 values
                        "[" + items(8_000) + "," + items(8_000) + "," + items(3_997) + "]"}}) {
            JsonLimits big = JsonLimits.ofBytes(1_000_000);
            String ok = pair[0];
            assertEquals(usual(ok, big), fast(ok, big));
            assertNull(fast(pair[1], big));
            assertEquals(JsonLimitException.Kind.TOO_MANY,
                    assertThrows(JsonLimitException.class, () -> usual(pair[1], big)).kind());
        }
    }

    private static String members(int n) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":0");
        }
        return out.append('}').toString();
    }

    private static String items(int n) {
        return "[" + "0,".repeat(n - 1) + "0]";
    }

    private static void randomValue(Random random, StringBuilder out, int depth) {
        int kind = random.nextInt(depth >= 4 ? 5 : 7);
        switch (kind) {
            case 0 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
            case 1 -> out.append(random.nextInt() >> random.nextInt(32));
            case 2 -> randomNumber(random, out);
            case 3, 4 -> randomString(random, out);
            case 5 -> {
                out.append('[');
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",");
                    randomValue(random, out, depth + 1);
                }
                out.append(']');
            }
            default -> {
                out.append('{');
                int n = random.nextInt(20);
                for (int i = 0; i < n; i++) {
                    out.append(i == 0 ? "" : ",");
                    out.append("\"k").append(i).append(random.nextInt(1000)).append("_").append(i).append("\":");
                    randomValue(random, out, depth + 1);
                }
                out.append('}');
            }
        }
    }

    private static void randomNumber(Random random, StringBuilder out) {
        if (random.nextBoolean()) {
            out.append('-');
        }
        out.append(1 + random.nextInt(9));
        for (int i = random.nextInt(22); i > 0; i--) {
            out.append(random.nextInt(10));
        }
        if (random.nextBoolean()) {
            out.append('.');
            for (int i = 1 + random.nextInt(18); i > 0; i--) {
                out.append(random.nextInt(10));
            }
        }
        if (random.nextInt(3) == 0) {
            out.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean()
                    ? "+" : "").append(random.nextInt(40));
        }
    }

    private static void randomString(Random random, StringBuilder out) {
        out.append('"');
        for (int i = random.nextInt(12); i > 0; i--) {
            switch (random.nextInt(8)) {
                case 0 -> out.append("\\").append("\"\\/bfnrt".charAt(random.nextInt(8)));
                case 1 -> out.append(String.format("\\u%04x", random.nextInt(0x10000)));
                case 2 -> out.append((char) (0xa0 + random.nextInt(0x700)));
                case 3 -> out.append("\ud83d\ude00");
                default -> out.append((char) ('a' + random.nextInt(26)));
            }
        }
        out.append('"');
    }
}
