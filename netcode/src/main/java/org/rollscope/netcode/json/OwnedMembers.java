package org.rollscope.netcode.json;

import java.util.LinkedHashMap;

/**
 * An object's members as {@link JsonReader} collects them: a map that only the reader ever held, so that
 * {@link JsonValue.Obj} can wrap it instead of copying it (every client object passes through here once).
 */
final class OwnedMembers extends LinkedHashMap<String, JsonValue> {
    OwnedMembers(int expected) {
        super(Math.max(4, (int) (expected / 0.75f) + 1));
    }
}
