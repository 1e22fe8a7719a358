package org.rollscope.netcode.relay.embed;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a Socket.IO client may connect to a namespace, from the auth payload of its CONNECT packet.
 *
 * <p>Called on the connection's Jetty thread (WebSocket) or from the namespace's connection handler (polling
 * backstop); must be thread-safe and must not block.
 */
@FunctionalInterface
public interface ConnectAuthenticator {

    /**
     * @param namespace the namespace being joined, e.g. {@code /observer}
     * @param auth the CONNECT packet's auth payload: an {@code org.json.JSONObject}, or {@code null} when absent
     * @return {@code null} to admit the client, else the refusal reason the client sees in its {@code connect_error}
     */
    String refusal(String namespace, Object auth);

    /**
     * Like {@link #refusal(String, Object)}, with the headers of the connection's first HTTP request (the WebSocket
     * upgrade) too, for servers that authenticate by cookie. The default ignores the headers.
     *
     * @param headers header name (as sent) to values; never null, may be empty
     */
    default String refusal(String namespace, Object auth, Map<String, List<String>> headers) {
        return refusal(namespace, auth);
    }
}
