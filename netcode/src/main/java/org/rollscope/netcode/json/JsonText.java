package org.rollscope.netcode.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads strict JSON text straight into the model, without org.json: for the relay's hottest packet, which was
 * otherwise parsed twice (org.json's tree by socket.io-server's decoder, then {@link JsonReader#fromSocketIo}).
 *
 * <p>The promise is equality with that pair, not a JSON parser of its own: for text it accepts, the value is the one
 * {@code JsonReader.fromSocketIo(new JSONTokener(text).nextValue(), limits)} gives, members in the same iteration
 * order (see {@link OwnedHashMembers}), numbers through the same conversion ({@link JsonReader#number}), strings
 * counted with the same {@link JsonWriter#encodedStringBytes}. Everything else gives {@code null} and the caller
 * takes the usual way, where org.json and {@link JsonReader} decide as always: text org.json reads differently or
 * refuses (its leniencies: unquoted words, single quotes, trailing commas, leading zeros, raw control characters,
 * duplicate keys), a negative zero, an exponent of more than four digits, and a value over any of the limits (so
 * that the refusal, with its message naming the path in org.json's order, comes from the usual way too). Stops at
 * the first of these, so a hostile text costs at most the limits' worth of work.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * The value of {@code text[start, end)} (whitespace around it allowed), or {@code null} when it is not certain to
     * be exactly what org.json and {@link JsonReader#fromSocketIo} would make of it under {@code limits}.
     */
    public static JsonValue readOrNull(String text, int start, int end, JsonLimits limits) {
        if (start < 0 || end > text.length() || start >= end) {
            return null;
        }
        Reader reader = new Reader(text, start, end, limits);
        try {
            JsonValue value = reader.value(0);
            reader.skipWhitespace();
            return reader.pos == end ? value : null;
        } catch (Unsure e) {
            return null;
        }
    }

    /** Thrown inside the reader when the text is not one it is sure of; never escapes. No stack trace. */
    private static final class Unsure extends RuntimeException {
        static final Unsure INSTANCE = new Unsure();
        private static final long serialVersionUID = 1L;

        private Unsure() {
            super(null, null, false, false);
        }
    }

    /** One read: position and the running totals {@link JsonReader}'s walk keeps (bytes, values). */
    private static final class Reader {
        private final String s;
        private final int end;
        private final JsonLimits limits;
        int pos;
        private long bytes;
        private int values;

        Reader(String s, int start, int end, JsonLimits limits) {
            this.s = s;
            this.pos = start;
            this.end = end;
            this.limits = limits;
        }

        /** A value at {@code depth} (a scalar at the root is depth 0, {@code {}} at the root depth 1). */
        JsonValue value(int depth) {
            if (++values > limits.maxValues()) {
                throw Unsure.INSTANCE;
            }
            skipWhitespace();
            if (pos >= end) {
                throw Unsure.INSTANCE;
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth + 1);
                case '[':
                    return array(depth + 1);
                case '"': {
                    String str = string();
                    add(JsonWriter.encodedStringBytes(str));
                    return new JsonValue.Str(str);
                }
                case 't':
                    literal("true");
                    add(4);
                    return new JsonValue.Bool(true);
                case 'f':
                    literal("false");
                    add(5);
                    return new JsonValue.Bool(false);
                case 'n':
                    literal("null");
                    add(4);
                    return JsonValue.Null.INSTANCE;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        JsonValue.Num num = number();
                        add(JsonReader.encodedLength(num));
                        return num;
                    }
                    throw Unsure.INSTANCE;
            }
        }

        private JsonValue object(int depth) {
            checkDepth(depth);
            pos++; // '{'
            OwnedHashMembers members = new OwnedHashMembers();
            skipWhitespace();
            if (pos < end && s.charAt(pos) == '}') {
                pos++;
                add(2);
                return new JsonValue.Obj(members);
            }
            while (true) {
                skipWhitespace();
                if (pos >= end || s.charAt(pos) != '"') {
                    throw Unsure.INSTANCE;
                }
                String key = string();
                skipWhitespace();
                if (pos >= end || s.charAt(pos) != ':') {
                    throw Unsure.INSTANCE;
                }
                pos++;
                add(JsonWriter.encodedStringBytes(key) + 1); // the key and its colon
                if (members.put(key, value(depth)) != null || members.size() > limits.maxMembers()) {
                    throw Unsure.INSTANCE; // org.json refuses a duplicate key (and the decoder the whole packet)
                }
                if (separatorEnds('}')) {
                    break;
                }
            }
            add(2 + Math.max(0, members.size() - 1)); // braces and commas
            return new JsonValue.Obj(members);
        }

        private JsonValue array(int depth) {
            checkDepth(depth);
            pos++; // '['
            List<JsonValue> items = new ArrayList<>();
            skipWhitespace();
            if (pos < end && s.charAt(pos) == ']') {
                pos++;
                add(2);
                return new JsonValue.Arr(items);
            }
            while (true) {
                items.add(value(depth));
                if (items.size() > limits.maxItems()) {
                    throw Unsure.INSTANCE;
                }
                if (separatorEnds(']')) {
                    break;
                }
            }
            add(2 + Math.max(0, items.size() - 1));
            return new JsonValue.Arr(items);
        }

        /** After a member or an item: {@code true} at the closing bracket, {@code false} at a comma. */
        private boolean separatorEnds(char close) {
            skipWhitespace();
            if (pos >= end) {
                throw Unsure.INSTANCE;
            }
            char c = s.charAt(pos++);
            if (c == close) {
                return true;
            }
            if (c != ',') {
                throw Unsure.INSTANCE;
            }
            return false;
        }

        /** A string literal at {@code pos} (its opening quote); strict JSON escapes only. */
        private String string() {
            pos++; // '"'
            int run = pos;
            StringBuilder out = null;
            while (pos < end) {
                char c = s.charAt(pos);
                if (c == '"') {
                    String value = out == null ? s.substring(run, pos) : out.append(s, run, pos).toString();
                    pos++;
                    return value;
                }
                if (c < 0x20) {
                    throw Unsure.INSTANCE; // org.json takes some raw control characters, refuses others
                }
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(pos - run + 16);
                }
                out.append(s, run, pos);
                if (pos + 1 >= end) {
                    throw Unsure.INSTANCE;
                }
                char e = s.charAt(pos + 1);
                pos += 2;
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> out.append(hex4());
                    default -> throw Unsure.INSTANCE;
                }
                run = pos;
            }
            throw Unsure.INSTANCE;
        }

        private char hex4() {
            if (pos + 4 > end) {
                throw Unsure.INSTANCE;
            }
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                char c = s.charAt(pos + i);
                if (d < 0 || c > 'f') { // ASCII hex digits only (Character.digit takes other scripts' digits)
                    throw Unsure.INSTANCE;
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        private void literal(String word) {
            if (!s.startsWith(word, pos) || pos + word.length() > end) {
                throw Unsure.INSTANCE;
            }
            pos += word.length();
        }

        /**
         * A number in JSON's grammar. An integer of up to 18 digits is read here (org.json makes it an Integer or a
         * Long: the same value); any other goes through the Number org.json makes of it (a BigInteger, or a
         * BigDecimal for a fraction or an exponent) and {@link JsonReader#number}, as the usual way does.
         */
        private JsonValue.Num number() {
            int from = pos;
            boolean negative = s.charAt(pos) == '-';
            if (negative) {
                pos++;
            }
            int intStart = pos;
            long integer = 0;
            if (pos < end && s.charAt(pos) == '0') {
                pos++;
            } else {
                while (pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    integer = integer * 10 + (s.charAt(pos) - '0'); // only used with 18 digits or fewer
                    pos++;
                }
            }
            int intDigits = pos - intStart;
            if (intDigits == 0) {
                throw Unsure.INSTANCE;
            }
            boolean decimal = false;
            if (pos < end && s.charAt(pos) == '.') {
                decimal = true;
                pos++;
                requireDigits(Integer.MAX_VALUE);
            }
            if (pos < end && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                decimal = true;
                pos++;
                if (pos < end && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                requireDigits(4);
            }
            if (pos < end && isTokenChar(s.charAt(pos))) {
                throw Unsure.INSTANCE; // "01", "1x": org.json would read a longer token than JSON's number
            }
            JsonValue.Num num;
            if (decimal) {
                BigDecimal value = new BigDecimal(s.substring(from, pos));
                if (negative && value.signum() == 0) {
                    throw Unsure.INSTANCE; // org.json reads a negative zero as the double -0.0
                }
                num = JsonReader.number(value);
            } else if (negative && integer == 0 && intDigits == 1) {
                throw Unsure.INSTANCE; // "-0": a double -0.0 in org.json
            } else if (intDigits <= 18) {
                num = JsonValue.Num.of(negative ? -integer : integer);
            } else {
                num = JsonReader.number(new BigInteger(s.substring(from, pos)));
            }
            if (num == null) {
                throw Unsure.INSTANCE; // not finite: the usual way refuses it with its own message
            }
            return num;
        }

        private void requireDigits(int maxDigits) {
            int first = pos;
            while (pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
            }
            if (pos == first || pos - first > maxDigits) {
                throw Unsure.INSTANCE;
            }
        }

        /** Characters that would continue an unquoted token in org.json after a number's last digit. */
        private static boolean isTokenChar(char c) {
            return c > ' ' && c != ',' && c != ']' && c != '}' && c != ':';
        }

        void skipWhitespace() {
            while (pos < end) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private void checkDepth(int depth) {
            if (depth > limits.maxDepth()) {
                throw Unsure.INSTANCE;
            }
        }

        private void add(long n) {
            bytes += n;
            if (bytes > limits.maxBytes()) {
                throw Unsure.INSTANCE;
            }
        }
    }
}
