package org.rollscope.netcode.json;

import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes {@link JsonValue}s as compact JSON text. Total: every value of the model can be written, so this never
 * throws (numbers are finite by construction, lone surrogates are escaped, binary becomes base64). The sizes
 * {@link JsonReader} checks are the sizes this writes. Stateless and thread-safe.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    public static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static void write(JsonValue value, StringBuilder out) {
        if (value instanceof JsonValue.Obj o) {
            out.append('{');
            Iterator<Map.Entry<String, JsonValue>> it = o.members().entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonValue> member = it.next();
                string(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        } else if (value instanceof JsonValue.Arr a) {
            out.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(a.items().get(i), out);
            }
            out.append(']');
        } else if (value instanceof JsonValue.Str s) {
            string(s.value(), out);
        } else if (value instanceof JsonValue.Num n) {
            out.append(n.integral() ? Long.toString(n.integer()) : Double.toString(n.real()));
        } else if (value instanceof JsonValue.Bool b) {
            out.append(b.value());
        } else if (value instanceof JsonValue.Bin b) {
            out.append('"').append(Base64.getEncoder().encodeToString(b.toPlain())).append('"');
        } else {
            out.append("null");
        }
    }

    /** A JSON string literal. Control characters and lone surrogates are escaped; everything else is literal. */
    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || isLoneSurrogate(s, i)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Bytes of {@code s} as a JSON string literal in UTF-8, exactly as {@link #string} writes it. */
    static long encodedStringBytes(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                n += 2;
            } else if (c < 0x20) {
                n += 6;
            } else if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4; // one supplementary code point
                i++;
            } else if (Character.isSurrogate(c)) {
                n += 6; // lone surrogate, escaped
            } else {
                n += 3;
            }
        }
        return n;
    }

    static long base64Bytes(int length) {
        return 2 + 4L * ((length + 2) / 3);
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return false;
    }
}
