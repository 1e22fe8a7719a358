package org.rollscope.netcode.relay.embed;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.json.JSONException;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a Socket.IO namespace CONNECT before the server accepts it. socket.io-server-java 4.1.2 has no namespace
 * middleware: by the time a namespace's {@code connection} listener runs, the CONNECT ack has already gone out, so
 * the client would see a connect and then a refusal. Looking at the raw Engine.IO frame lets us answer a refused
 * CONNECT with Socket.IO's own CONNECT_ERROR packet ({@code 44/nsp,{"message": ...}}), which every Socket.IO v4
 * client reports as {@code connect_error} without retrying.
 *
 * <p>Only text frames of the form {@code 40/nsp,{json}} (Engine.IO message + Socket.IO CONNECT) are inspected; every
 * other frame passes untouched. Thread-safe and stateless apart from the authenticator.
 */
final class ConnectGate {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectGate.class);
    /** Engine.IO "message" (4) followed by Socket.IO "CONNECT" (0). */
    private static final String CONNECT_PREFIX = "40";

    private final ConnectAuthenticator authenticator;

    ConnectGate(ConnectAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * @param frame one inbound WebSocket text frame
     * @param reply sends a text frame back on the same connection
     * @return whether the frame may go on to engine.io
     */
    boolean admit(String frame, Consumer<String> reply) {
        return admit(frame, Map.of(), reply);
    }

    /**
     * @param frame one inbound WebSocket text frame
     * @param headers the headers of the connection's upgrade request (for cookie-authenticated namespaces)
     * @param reply sends a text frame back on the same connection
     * @return whether the frame may go on to engine.io
     */
    boolean admit(String frame, Map<String, List<String>> headers, Consumer<String> reply) {
        if (!frame.startsWith(CONNECT_PREFIX + "/")) {
            return true; // the default namespace (no auth) and every non-CONNECT frame
        }
        int comma = frame.indexOf(',');
        String namespace = comma < 0 ? frame.substring(2) : frame.substring(2, comma);
        String json = comma < 0 ? "" : frame.substring(comma + 1);
        Object auth = null;
        if (!json.isBlank()) {
            try {
                auth = new JSONObject(json);
            } catch (JSONException e) {
                auth = null; // unreadable auth is the same as none
            }
        }
        String refusal = authenticator.refusal(namespace, auth, headers);
        if (refusal == null) {
            return true;
        }
        LOG.debug("refused CONNECT to {}: {}", namespace, refusal);
        reply.accept(CONNECT_PREFIX.charAt(0) + "4" + namespace + "," + new JSONObject().put("message", refusal));
        return false;
    }
}
