package org.rollscope.netcode.relay;

import org.rollscope.netcode.json.JsonValue;

/**
 * Reading event arguments, already converted to the relay's {@link JsonValue} model by {@link EventBoundary},
 * without trusting them: every accessor either returns a value of the expected type or throws
 * {@link RelayRequestException} with {@link RejectReason#MALFORMED} naming the field (never echoing a long value).
 */
final class Payloads {

    /** Refusals quote at most this many characters of a client's value. */
    static final int MAX_ECHO_CHARS = 80;

    private Payloads() {
    }

    /** The event's first argument as a JSON object. */
    static JsonValue.Obj object(String event, JsonValue[] args) {
        if (args.length == 0 || !(args[0] instanceof JsonValue.Obj o)) {
            String got = args.length == 0 ? "nothing" : typeName(args[0]);
            throw malformed(event + " expects a JSON object, got " + got);
        }
        return o;
    }

    /**
     * A required id: a string, or an integer (MUG's browser code sometimes sends numeric player ids), as a string.
     */
    static String requireId(JsonValue.Obj o, String key) {
        String id = optId(o, key);
        if (id == null) {
            throw malformed("missing " + key);
        }
        return id;
    }

    /** An optional id (string or integer), {@code null} when absent or JSON null. */
    static String optId(JsonValue.Obj o, String key) {
        JsonValue v = o.opt(key);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonValue.Str s) {
            return s.value();
        }
        if (v instanceof JsonValue.Num n && n.integral()) {
            return Long.toString(n.integer());
        }
        throw malformed(key + " must be a string, got " + typeName(v));
    }

    static String requireString(JsonValue.Obj o, String key) {
        JsonValue v = o.get(key);
        if (!(v instanceof JsonValue.Str s)) {
            throw malformed(v == null ? "missing " + key : key + " must be a string, got " + typeName(v));
        }
        return s.value();
    }

    static long requireLong(JsonValue.Obj o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonValue.Num n && n.integral()) {
            return n.integer();
        }
        throw malformed(v == null ? "missing " + key : key + " must be an integer, got " + typeName(v));
    }

    /** An optional boolean: {@code fallback} when absent or JSON null, else it must be true or false. */
    static boolean optBoolean(JsonValue.Obj o, String key, boolean fallback) {
        JsonValue v = o.opt(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof JsonValue.Bool b) {
            return b.value();
        }
        throw malformed(key + " must be true or false, got " + typeName(v));
    }

    /** An optional integer: {@code null} when absent or JSON null, else it must be an integer. */
    static Long optLong(JsonValue.Obj o, String key) {
        return o.opt(key) == null ? null : requireLong(o, key);
    }

    static double optDouble(JsonValue.Obj o, String key, double fallback) {
        JsonValue v = o.opt(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof JsonValue.Num n) {
            return n.doubleValue();
        }
        throw malformed(key + " must be a number, got " + typeName(v));
    }

    /** A required value of any JSON type except null. */
    static JsonValue requireValue(JsonValue.Obj o, String key) {
        JsonValue v = o.opt(key);
        if (v == null) {
            throw malformed("missing " + key);
        }
        return v;
    }

    /** A client string cut to {@link #MAX_ECHO_CHARS} for a message (its length is said instead). */
    static String quote(String clientText) {
        return "'" + cut(clientText) + "'";
    }

    /** A client string cut to {@link #MAX_ECHO_CHARS}, its full length said after the cut. */
    static String cut(String clientText) {
        if (clientText.length() <= MAX_ECHO_CHARS) {
            return clientText;
        }
        return clientText.substring(0, MAX_ECHO_CHARS) + "… (" + clientText.length() + " characters)";
    }

    static String typeName(JsonValue v) {
        if (v instanceof JsonValue.Obj) {
            return "an object";
        }
        if (v instanceof JsonValue.Arr) {
            return "an array";
        }
        if (v instanceof JsonValue.Str) {
            return "a string";
        }
        if (v instanceof JsonValue.Num) {
            return "a number";
        }
        if (v instanceof JsonValue.Bool) {
            return "a boolean";
        }
        if (v instanceof JsonValue.Bin) {
            return "binary";
        }
        return "null";
    }

    static RelayRequestException malformed(String message) {
        return new RelayRequestException(RejectReason.MALFORMED, message);
    }
}
