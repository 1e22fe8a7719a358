package org.rollscope.netcode.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON value of the relay's model: immutable, bounded (it was built by {@link JsonReader} under
 * {@link JsonLimits}, or by the relay itself), and always encodable: numbers are finite, strings are Java strings,
 * and {@link Bin} carries a Socket.IO binary attachment. {@link JsonWriter} never throws on a value of this type,
 * and {@link #toPlain()} gives plain Java values that Jackson always serialises.
 *
 * <p>Thread-safe (immutable).
 */
public sealed interface JsonValue {

    /** The value as plain Java: {@code Map<String,Object>} (ordered), {@code List<Object>}, String, Long, Double,
     *  Boolean, byte[] or {@code null}. Copies containers; safe to hand to Jackson or to another thread. */
    Object toPlain();

    /** The value as org.json sends it through Socket.IO (byte[] stays binary; {@link Null} becomes JSONObject.NULL). */
    Object toSocketIo();

    /** The JSON text; never throws. A {@link Bin} is written as a base64 string (as Jackson writes byte[]). */
    default String toJson() {
        return JsonWriter.write(this);
    }

    /** A JSON object; members in the order its reader gave them (org.json's order for a client value). */
    record Obj(Map<String, JsonValue> members) implements JsonValue {
        public static final Obj EMPTY = new Obj(Map.of());

        public Obj {
            // A reader's fresh map is taken as it is (nobody else holds it); any other is copied.
            members = Collections.unmodifiableMap(
                    members instanceof OwnedMembers || members instanceof OwnedHashMembers ? members
                            : new LinkedHashMap<>(members));
        }

        /** The member, or {@code null} when absent (a JSON null is {@link Null#INSTANCE}). */
        public JsonValue get(String key) {
            return members.get(key);
        }

        public boolean has(String key) {
            return members.containsKey(key);
        }

        /** The member unless it is absent or JSON null. */
        public JsonValue opt(String key) {
            JsonValue v = members.get(key);
            return v instanceof Null ? null : v;
        }

        /** A copy with {@code key} set (replacing any previous value, keeping its position). */
        public Obj with(String key, JsonValue value) {
            Map<String, JsonValue> copy = new LinkedHashMap<>(members);
            copy.put(key, value);
            return new Obj(copy);
        }

        @Override
        public Map<String, Object> toPlain() {
            Map<String, Object> out = new LinkedHashMap<>();
            members.forEach((k, v) -> out.put(k, v.toPlain()));
            return out;
        }

        @Override
        public org.json.JSONObject toSocketIo() {
            org.json.JSONObject out = new org.json.JSONObject();
            members.forEach((k, v) -> out.put(k, v.toSocketIo()));
            return out;
        }
    }

    /** A JSON array. */
    record Arr(List<JsonValue> items) implements JsonValue {
        public Arr {
            items = List.copyOf(items);
        }

        @Override
        public List<Object> toPlain() {
            List<Object> out = new ArrayList<>(items.size());
            for (JsonValue item : items) {
                out.add(item.toPlain());
            }
            return out;
        }

        @Override
        public org.json.JSONArray toSocketIo() {
            org.json.JSONArray out = new org.json.JSONArray();
            for (JsonValue item : items) {
                out.put(item.toSocketIo());
            }
            return out;
        }
    }

    /** A JSON string. */
    record Str(String value) implements JsonValue {
        public Str {
            java.util.Objects.requireNonNull(value, "value");
        }

        @Override
        public String toPlain() {
            return value;
        }

        @Override
        public String toSocketIo() {
            return value;
        }
    }

    /**
     * A finite JSON number: an integer when it fits a long exactly, otherwise a double.
     *
     * @param integer the value when {@code integral}
     * @param real the value when not {@code integral}
     */
    record Num(boolean integral, long integer, double real) implements JsonValue {
        public Num {
            if (!integral && !Double.isFinite(real)) {
                throw new IllegalArgumentException("JSON numbers are finite, got " + real);
            }
        }

        public static Num of(long value) {
            return new Num(true, value, 0);
        }

        /** A double that is a whole number within ±2^53 becomes an integer (JavaScript sends 5 as 5.0 at times). */
        public static Num of(double value) {
            if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) <= 9.007199254740992E15) {
                return of((long) value);
            }
            return new Num(false, 0, value);
        }

        public double doubleValue() {
            return integral ? integer : real;
        }

        @Override
        public Object toPlain() {
            return integral ? (Object) integer : (Object) real;
        }

        @Override
        public Object toSocketIo() {
            return toPlain();
        }
    }

    /** {@code true} or {@code false}. */
    record Bool(boolean value) implements JsonValue {
        @Override
        public Boolean toPlain() {
            return value;
        }

        @Override
        public Boolean toSocketIo() {
            return value;
        }
    }

    /** JSON {@code null}. */
    enum Null implements JsonValue {
        INSTANCE;

        @Override
        public Object toPlain() {
            return null;
        }

        @Override
        public Object toSocketIo() {
            return org.json.JSONObject.NULL;
        }
    }

    /** A Socket.IO binary attachment (a wire.md §1 packet relayed unchanged). */
    record Bin(byte[] bytes) implements JsonValue {
        public Bin {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public byte[] toPlain() {
            return bytes.clone();
        }

        @Override
        public byte[] toSocketIo() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bin b && Arrays.equals(bytes, b.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Bin[" + bytes.length + " bytes]";
        }
    }

    /** Shorthand for building the relay's own values. */
    static Str str(String value) {
        return new Str(value);
    }
}
