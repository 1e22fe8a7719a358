package org.rollscope.netcode.json;

import java.util.HashMap;

/**
 * An object's members as {@link JsonText} collects them: a plain {@link HashMap} built with the same capacity and
 * the same insertions (text order) as org.json's {@code JSONObject}, so that it iterates in the very order
 * {@link JsonReader#fromSocketIo} sees when it walks org.json's tree of the same text. Only the reader ever holds
 * it, so {@link JsonValue.Obj} wraps it instead of copying it, as it does {@link OwnedMembers}.
 */
final class OwnedHashMembers extends HashMap<String, JsonValue> {
    private static final long serialVersionUID = 1L;

    OwnedHashMembers() {
        super(); // org.json's JSONObject() does new HashMap<>(): the same capacity, hence the same iteration order
    }
}
