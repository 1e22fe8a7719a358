package org.rollscope.netcode.relay;

import java.util.function.Predicate;

/**
 * The engine.io text frames the relay handles on the thread that read them (see
 * {@code embed.SelectorReadingConnector}): the two that arrive many times a second and whose handlers never block.
 * <ul>
 *   <li>{@code peer_telemetry} on the peer namespace and the probe namespace: checked, stamped, acknowledged, queued
 *       for the observers and the archive (lock-free queues; the acknowledgement is a queued write).</li>
 *   <li>{@code pyodide_player_action} on the peer namespace: checked and forwarded to the partner (a queued write).</li>
 *   <li>engine.io's pong ({@code 3}): resets the connection's ping timeout.</li>
 * </ul>
 * Everything else (joins, session events, episode data, signalling, commands, connects, closes) may wait on the disk
 * or on another thread and goes to the pool. Recognising a frame here only decides where it runs: its content is
 * still decoded and checked by Socket.IO and the relay's boundary, so a frame that merely looks like telemetry cannot
 * get past anything. One cost remains on the selecting thread for such a frame: when Socket.IO cannot decode it, it
 * closes the connection at once, and that seat's {@code left} event is forced to the journal there (one write, once
 * per connection); a frame cut short (not ending in {@code }]}) is not taken for a hot one.
 */
final class NonBlockingFrames implements Predicate<String> {

    /** engine.io MESSAGE ({@code 4}) carrying a Socket.IO EVENT ({@code 2}) on the default namespace. */
    private static final String EVENT = "42";
    private static final String PLAYER_ACTION = "[\"" + PeerEvents.PLAYER_ACTION + "\",";

    @Override
    public boolean test(String frame) {
        if (frame.equals("3")) {
            return true;
        }
        if (!frame.endsWith("}]")) {
            return false; // not an event whose argument is an object: a cut frame closes its connection
        }
        TelemetryPacket telemetry = TelemetryPacket.of(frame); // the shortcut's own reading of the header
        if (telemetry != null) {
            String namespace = telemetry.namespace();
            return namespace.equals("/") || namespace.equals(ProbeProtocol.NAMESPACE); // not the observers' commands
        }
        return isPlayerAction(frame);
    }

    /** {@code 42[ackId]["pyodide_player_action",...}: the peer namespace only (the probe may not relay inputs). */
    private static boolean isPlayerAction(String frame) {
        if (!frame.startsWith(EVENT)) {
            return false;
        }
        int at = EVENT.length();
        while (at < frame.length() && Character.isDigit(frame.charAt(at))) {
            at++; // the acknowledgement id
        }
        return frame.startsWith(PLAYER_ACTION, at);
    }
}
