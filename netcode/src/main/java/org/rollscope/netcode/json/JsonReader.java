package org.rollscope.netcode.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONException;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * Converts a client value into the relay's {@link JsonValue} model under {@link JsonLimits}, once, at the relay's
 * boundary. It checks depth, counts and the exact UTF-8 size of the encoding as it goes and stops at the first
 * limit, so a hostile value costs at most the limits' worth of work; the message names the limit and where it was
 * hit, never the value. Stateless and thread-safe.
 */
public final class JsonReader {

    private JsonReader() {
    }

    /**
     * A value as Socket.IO delivers it (org.json objects and arrays, String, Number, Boolean, JSONObject.NULL, byte[]
     * attachments).
     *
     * @throws JsonLimitException over a limit, or not a JSON value (NaN, infinities, unknown types)
     */
    public static JsonValue fromSocketIo(Object value, JsonLimits limits) {
        return new Walk(limits).convert(value, 0, Where.ROOT);
    }

    /**
     * JSON text (e.g. a journal line). org.json parses it first; its own nesting cap bounds that step.
     *
     * @throws JsonLimitException over a limit or not JSON
     */
    public static JsonValue parse(String text, JsonLimits limits) {
        if (text.length() > limits.maxBytes()) { // a char is at least one UTF-8 byte
            throw new JsonLimitException(JsonLimitException.Kind.TOO_LARGE,
                    "text of " + text.length() + " characters is over the limit of " + limits.maxBytes() + " bytes");
        }
        Object parsed;
        try {
            JSONTokener tokener = new JSONTokener(text);
            parsed = tokener.nextValue();
            if (tokener.nextClean() != 0) {
                throw new JsonLimitException(JsonLimitException.Kind.NOT_JSON, "trailing characters after the value");
            }
        } catch (JSONException e) {
            throw new JsonLimitException(JsonLimitException.Kind.NOT_JSON, "not JSON: " + e.getMessage());
        }
        if (parsed instanceof String s && !text.strip().startsWith("\"")) {
            throw new JsonLimitException(JsonLimitException.Kind.NOT_JSON, "not JSON (an unquoted word)");
        }
        return fromSocketIo(parsed, limits);
    }

    /** One conversion: running totals of bytes and values. */
    private static final class Walk {
        private final JsonLimits limits;
        private long bytes;
        private int values;

        Walk(JsonLimits limits) {
            this.limits = limits;
        }

        JsonValue convert(Object value, int depth, Where path) {
            if (++values > limits.maxValues()) {
                throw new JsonLimitException(JsonLimitException.Kind.TOO_MANY,
                        "more than " + limits.maxValues() + " values in all (at " + path + ")");
            }
            if (value == null || value == JSONObject.NULL) {
                return add(4, JsonValue.Null.INSTANCE, path);
            }
            if (value instanceof String s) {
                JsonValue.Str str = new JsonValue.Str(s);
                add(JsonWriter.encodedStringBytes(s), null, path);
                return str;
            }
            if (value instanceof Boolean b) {
                return add(b ? 4 : 5, new JsonValue.Bool(b), path);
            }
            if (value instanceof Number n) {
                JsonValue.Num num = number(n, path);
                return add(encodedLength(num), num, path);
            }
            if (value instanceof byte[] b) {
                add(JsonWriter.base64Bytes(b.length), null, path);
                return new JsonValue.Bin(b);
            }
            if (value instanceof JSONObject o) {
                return object(o, depth + 1, path);
            }
            if (value instanceof JSONArray a) {
                return array(a, depth + 1, path);
            }
            throw new JsonLimitException(JsonLimitException.Kind.NOT_JSON,
                    "not a JSON value at " + path + ": " + value.getClass().getSimpleName());
        }

        private JsonValue object(JSONObject o, int depth, Where path) {
            checkDepth(depth, path);
            if (o.length() > limits.maxMembers()) {
                throw new JsonLimitException(JsonLimitException.Kind.TOO_MANY,
                        "an object with " + o.length() + " members at " + path + " (limit " + limits.maxMembers()
                                + ")");
            }
            add(2 + Math.max(0, o.length() - 1), null, path); // braces and commas
            Map<String, JsonValue> members = new OwnedMembers(o.length());
            for (String key : o.keySet()) {
                add(JsonWriter.encodedStringBytes(key) + 1, null, path); // the key and its colon
                members.put(key, convert(o.opt(key), depth, new Where(path, key, -1)));
            }
            return new JsonValue.Obj(members);
        }

        private JsonValue array(JSONArray a, int depth, Where path) {
            checkDepth(depth, path);
            if (a.length() > limits.maxItems()) {
                throw new JsonLimitException(JsonLimitException.Kind.TOO_MANY,
                        "an array of " + a.length() + " items at " + path + " (limit " + limits.maxItems() + ")");
            }
            add(2 + Math.max(0, a.length() - 1), null, path);
            List<JsonValue> items = new ArrayList<>(a.length());
            for (int i = 0; i < a.length(); i++) {
                items.add(convert(a.opt(i), depth, new Where(path, null, i)));
            }
            return new JsonValue.Arr(items);
        }

        private void checkDepth(int depth, Where path) {
            if (depth > limits.maxDepth()) {
                throw new JsonLimitException(JsonLimitException.Kind.TOO_DEEP,
                        "nested deeper than " + limits.maxDepth() + " levels (at " + shorten(path.toString()) + ")");
            }
        }

        private <T extends JsonValue> T add(long n, T value, Where path) {
            bytes += n;
            if (bytes > limits.maxBytes()) {
                throw new JsonLimitException(JsonLimitException.Kind.TOO_LARGE,
                        "over " + limits.maxBytes() + " bytes of JSON in UTF-8 (at " + shorten(path.toString()) + ")");
            }
            return value;
        }

        private static JsonValue.Num number(Number n, Where path) {
            JsonValue.Num num = JsonReader.number(n);
            if (num == null) {
                throw new JsonLimitException(JsonLimitException.Kind.NOT_JSON, "a number out of range at " + path);
            }
            return num;
        }
    }

    /**
     * A number as the model holds it, or {@code null} when it is not finite. Shared with {@link JsonText}, so that
     * both readers turn the same number into the same value.
     */
    static JsonValue.Num number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return JsonValue.Num.of(n.longValue());
        }
        if (n instanceof BigInteger big && big.bitLength() < 64) {
            return JsonValue.Num.of(big.longValue());
        }
        if (n instanceof BigDecimal dec && isWhole(dec)) { // org.json reads every fraction as a BigDecimal
            try {
                return JsonValue.Num.of(dec.longValueExact());
            } catch (ArithmeticException beyondLong) {
                // falls through to the double form
            }
        }
        double d = n.doubleValue();
        return Double.isFinite(d) ? JsonValue.Num.of(d) : null;
    }

    /**
     * Whether a decimal has no fraction (12.0 has none): asked before {@link BigDecimal#longValueExact()}, whose
     * exception for a fraction (with its stack trace) cost more than the rest of reading a telemetry sample.
     */
    private static boolean isWhole(BigDecimal dec) {
        return dec.scale() <= 0 || dec.signum() == 0 || dec.stripTrailingZeros().scale() <= 0;
    }

    /** The length of a number as {@link JsonWriter} writes it, without writing an integer out. */
    static int encodedLength(JsonValue.Num num) {
        if (!num.integral()) {
            return JsonWriter.write(num).length();
        }
        long v = num.integer();
        if (v == Long.MIN_VALUE) {
            return 20;
        }
        int length = v < 0 ? 2 : 1;
        for (long rest = Math.abs(v); rest >= 10; rest /= 10) {
            length++;
        }
        return length;
    }

    /**
     * Where a value is ({@code $.key[3]}), for refusals only: a chain of links built as the walk goes, turned into
     * text only when a limit is hit (building the text for every member cost more than the rest of the walk).
     */
    private static final class Where {
        static final Where ROOT = new Where(null, null, -1);

        private final Where parent;
        private final String key; // null for an array item
        private final int index;

        Where(Where parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return parent + (key != null ? "." + shorten(key) : "[" + index + "]");
        }
    }

    /** Paths name client keys; a 10 KB key must not come back in a refusal. */
    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 60) + "…(" + text.length() + " chars)";
    }
}
