package org.rollscope.netcode.relay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.rollscope.netcode.json.JsonValue;
import org.rollscope.netcode.health.PeerSample;

/**
 * Which telemetry fields a probe's sample leaves unknown. A MUG page cannot give every field of telemetry.md §1
 * (MUG counts no stalls; an older MUG has no verified frame): the probe sends those as null. {@link PeerSample} holds
 * most fields in primitives, where null would become a 0 that looks real, so the relay lists them in
 * {@code unknown_fields} instead. Stateless; thread-safe.
 */
final class ProbeSamples {
    /** The §1 names of PeerSample's primitive fields, except the ones a sample must have. */
    private static final List<String> PRIMITIVE_FIELDS = primitiveFields();

    private ProbeSamples() {
    }

    /** The primitive §1 fields that are absent or null in {@code in}, in record order. */
    static List<String> unknownFields(JsonValue.Obj in) {
        List<String> unknown = new ArrayList<>();
        for (String field : PRIMITIVE_FIELDS) {
            if (in.opt(field) == null) {
                unknown.add(field);
            }
        }
        return unknown;
    }

    private static List<String> primitiveFields() {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : PeerSample.class.getRecordComponents()) {
            JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
            if (property == null) {
                property = component.getAnnotation(JsonProperty.class);
            }
            String name = property != null ? property.value() : component.getName();
            if (component.getType().isPrimitive() && !name.equals("seq") && !name.equals("t_ms")) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }
}
