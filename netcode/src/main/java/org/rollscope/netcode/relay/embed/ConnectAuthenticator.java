package org.rollscope.netcode.relay.embed;

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
}
