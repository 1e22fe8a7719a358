package org.rollscope.netcode.relay;

import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Reading Socket.IO event arguments without trusting them: every accessor either returns a value of the expected
 * type or throws {@link RelayRequestException} with {@link RejectReason#MALFORMED} naming the field.
 */
final class Payloads {

    private Payloads() {
    }

    /** The event's first argument as a JSON object. */
    static JSONObject object(String event, Object[] args) {
        if (args.length == 0 || !(args[0] instanceof JSONObject)) {
            String got = args.length == 0 ? "nothing" : args[0] == null ? "null" : args[0].getClass().getSimpleName();
            throw malformed(event + " expects a JSON object, got " + got);
        }
        return (JSONObject) args[0];
    }

    /**
     * A required id: a string, or an integer (MUG's browser code sometimes sends numeric player ids), as a string.
     */
    static String requireId(JSONObject o, String key) {
        String id = optId(o, key);
        if (id == null) {
            throw malformed("missing " + key);
        }
        return id;
    }

    /** An optional id (string or integer), {@code null} when absent or JSON null. */
    static String optId(JSONObject o, String key) {
        Object v = o.opt(key);
        if (v == null || v == JSONObject.NULL) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        throw malformed(key + " must be a string, got " + v.getClass().getSimpleName());
    }

    static String requireString(JSONObject o, String key) {
        Object v = o.opt(key);
        if (!(v instanceof String s)) {
            throw malformed(v == null ? "missing " + key : key + " must be a string");
        }
        return s;
    }

    static long requireLong(JSONObject o, String key) {
        Object v = o.opt(key);
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.0e15) {
            return n.longValue();
        }
        throw malformed(v == null ? "missing " + key : key + " must be an integer");
    }

    static double optDouble(JSONObject o, String key, double fallback) {
        Object v = o.opt(key);
        if (v == null || v == JSONObject.NULL) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw malformed(key + " must be a number");
    }

    /** A required value of any JSON type except null. */
    static Object requireValue(JSONObject o, String key) {
        Object v = o.opt(key);
        if (v == null || v == JSONObject.NULL) {
            throw malformed("missing " + key);
        }
        return v;
    }

    /**
     * Approximate size in bytes of a decoded payload (string lengths, binary lengths, a few bytes per token), without
     * serialising it again. Used against the configured size limits.
     */
    static long sizeOf(Object value) {
        if (value == null || value == JSONObject.NULL) {
            return 4;
        }
        if (value instanceof String s) {
            return s.length() + 2L;
        }
        if (value instanceof byte[] b) {
            return b.length;
        }
        if (value instanceof JSONObject o) {
            long n = 2;
            for (String key : o.keySet()) {
                n += key.length() + 4 + sizeOf(o.opt(key));
            }
            return n;
        }
        if (value instanceof JSONArray a) {
            long n = 2;
            for (Object item : a) {
                n += 1 + sizeOf(item);
            }
            return n;
        }
        return 8; // numbers and booleans
    }

    static RelayRequestException malformed(String message) {
        return new RelayRequestException(RejectReason.MALFORMED, message);
    }
}
