package org.rollscope.netcode.relay;

/**
 * Recognises the relay's hottest packet in a WebSocket frame's text without parsing its payload: an engine.io
 * MESSAGE holding a Socket.IO EVENT {@code peer_telemetry}, {@code 42[/namespace,][ackId]["peer_telemetry",...]},
 * e.g. {@code 42["peer_telemetry",{...}]}, {@code 4217[...]}, {@code 42/probe,[...]}, {@code 42/probe,5[...]}. It
 * reads the namespace and the ack id exactly as socket.io-server's decoder does for such text, and gives up on
 * anything else (another packet or event, a binary event, an escaped or spaced event name, an id that is not 1 to 9
 * ASCII digits, no closing bracket at the very end), which then takes the usual way.
 *
 * @param namespace the namespace, {@code "/"} when the text names none
 * @param ackId the acknowledgement id, or -1 when the sender asked for none
 * @param valueStart where the event's argument starts in the frame
 * @param valueEnd where it ends: the index of the frame's closing bracket (the text's last character)
 */
record TelemetryPacket(String namespace, int ackId, int valueStart, int valueEnd) {

    private static final String EVENT = "[\"" + PeerEvents.PEER_TELEMETRY + "\",";

    /** The packet, or {@code null} when the frame is not certainly one. */
    static TelemetryPacket of(String frame) {
        int length = frame.length();
        if (length < 4 || frame.charAt(0) != '4' || frame.charAt(1) != '2' || frame.charAt(length - 1) != ']') {
            return null;
        }
        int at = 2;
        String namespace = "/";
        if (frame.charAt(at) == '/') {
            int comma = frame.indexOf(',', at);
            if (comma < 0) {
                return null;
            }
            namespace = frame.substring(at, comma);
            at = comma + 1;
        }
        int ackId = -1;
        int digits = 0;
        while (at + digits < length && frame.charAt(at + digits) >= '0' && frame.charAt(at + digits) <= '9') {
            digits++;
        }
        if (digits > 9) {
            return null; // the decoder's Integer.parseInt decides (or refuses) a longer one
        }
        if (digits > 0) {
            ackId = Integer.parseInt(frame, at, at + digits, 10);
            at += digits;
        }
        if (!frame.startsWith(EVENT, at)) {
            return null;
        }
        return new TelemetryPacket(namespace, ackId, at + EVENT.length(), length - 1);
    }
}
