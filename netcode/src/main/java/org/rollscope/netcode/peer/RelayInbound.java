package org.rollscope.netcode.peer;

import java.util.List;
import org.json.JSONObject;

/**
 * What the relay told this peer, queued by {@link PeerRelayClient} on the Socket.IO thread and handled by the peer
 * loop: the one seam between the client's event thread and the loop that owns the engine.
 */
sealed interface RelayInbound {

    /** {@code pyodide_player_assigned}: our seat and the session's game seed. */
    record Assigned(String gameId, String playerId, long gameSeed) implements RelayInbound {}

    /**
     * {@code pyodide_game_ready}: both seats are taken; {@code players} are the seat ids, {@code p2pKey} the session's
     * key for the UDP channel's datagrams (null from a server that gives none).
     */
    record GameReady(List<String> players, byte[] p2pKey) implements RelayInbound {}

    /** {@code pyodide_other_player_action}: the other seat's input, by the relay path. */
    record RemoteAction(String playerId, int frame, int action, int syncEpoch) implements RelayInbound {}

    /** {@code webrtc_signal}: connection set-up from the other seat. */
    record Signal(String fromPlayerId, String type, JSONObject payload) implements RelayInbound {}

    /** {@code rollscope_p2p_message}: a wire packet that crossed the relay because P2P was not used. */
    record P2pPacket(byte[] data) implements RelayInbound {}

    /** {@code rollscope_command}: an operator's command; {@link CommandReply#reply} must be called exactly once. */
    record Command(String id, String command, JSONObject args, CommandReply reply) implements RelayInbound {}

    /** The relay connection came up (and our join was re-sent) or went down. */
    record Connection(boolean connected, String detail) implements RelayInbound {}

    /** {@code rollscope_error}: the relay refused something we sent. */
    record Refused(String error, String message, String event) implements RelayInbound {}

    /** How the loop answers a command once it has applied it (or could not). */
    @FunctionalInterface
    interface CommandReply {
        void reply(boolean ok, String error);
    }
}
