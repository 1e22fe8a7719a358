package org.rollscope.netcode.mug;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lenient readers for MUG's JSON (Python floats for times, ints or strings for ids). Stateless, thread-safe. */
final class MugJson {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private MugJson() {
    }

    static JsonNode parse(Object payload) {
        try {
            return JSON.readTree(String.valueOf(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(JsonNode object) {
        return JSON.convertValue(object, LinkedHashMap.class);
    }

    /** An id as MUG sends it: a string, or a number (0 → "0", 1.0 → "1"). Null for anything else. */
    static String id(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.asText();
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            return value == Math.rint(value) ? Long.toString((long) value) : node.asText();
        }
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    static String text(JsonNode node, String field) {
        return node == null ? null : text(node.get(field));
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    /** Epoch seconds (MUG's float timestamps) → ms; null when absent or not a number. */
    static Long millis(JsonNode seconds) {
        return seconds != null && seconds.isNumber() ? Math.round(seconds.asDouble() * 1000) : null;
    }

    static Integer integer(JsonNode node) {
        return node != null && node.isNumber() ? node.asInt() : null;
    }
}
