package org.rollscope.netcode.relay;

import org.json.JSONString;

/**
 * A JSON value serialised once and sent many times: a telemetry sample goes to every observer, and re-encoding the
 * same object for each of them (org.json's writer runs a regex per number) was the relay's largest cost at the
 * target load. org.json writes a {@link JSONString} verbatim; socket.io-server's packet check accepts it as a
 * {@link CharSequence}. Immutable.
 */
final class EncodedJson implements JSONString, CharSequence {
    private final String json;

    /** @param json valid JSON text (the caller's serialiser guarantees it; nothing re-checks) */
    EncodedJson(String json) {
        this.json = json;
    }

    @Override
    public String toJSONString() {
        return json;
    }

    @Override
    public int length() {
        return json.length();
    }

    @Override
    public char charAt(int index) {
        return json.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return json.subSequence(start, end);
    }

    @Override
    public String toString() {
        return json;
    }
}
