package org.rollscope.netcode.load;

import org.json.JSONString;

/**
 * JSON text that Socket.IO's encoder writes verbatim (org.json honours {@link JSONString}), so that a sample built
 * on the emitter thread is not encoded again on the Socket.IO client's one event thread, which every simulated peer
 * and observer of the driver shares. Immutable.
 */
record RawJson(String json) implements JSONString {
    @Override
    public String toJSONString() {
        return json;
    }
}
