package org.rollscope.netcode.relay;

import java.util.Set;

/**
 * Names of the default namespace's events: MUG's (wire.md §2) and Rollscope's own (docs/relay-protocol.md).
 */
final class PeerEvents {
    // Peer -> relay, MUG
    static final String PLAYER_ACTION = "pyodide_player_action";
    static final String WEBRTC_SIGNAL = "webrtc_signal";
    static final String P2P_HEALTH_REPORT = "p2p_health_report";
    static final String P2P_CONNECTION_LOST = "p2p_connection_lost";
    static final String EMIT_EPISODE_DATA = "emit_episode_data";
    // Peer -> relay, Rollscope
    static final String JOIN_GAME = "join_game";
    static final String PEER_TELEMETRY = "peer_telemetry";
    static final String PEER_EVENT = "peer_event";
    static final String P2P_MESSAGE = "rollscope_p2p_message";
    // Relay -> peer, MUG
    static final String OTHER_PLAYER_ACTION = "pyodide_other_player_action";
    static final String PLAYER_ASSIGNED = "pyodide_player_assigned";
    static final String GAME_READY = "pyodide_game_ready";

    /** Observer commands: refused on the default namespace. */
    static final Set<String> COMMANDS = Set.of("force_fallback", "restore_p2p", "set_link", "request_snapshot");

    /** Everything a peer may send; any other event name is answered with unknown_event. */
    static final Set<String> KNOWN = Set.of(PLAYER_ACTION, WEBRTC_SIGNAL, P2P_HEALTH_REPORT, P2P_CONNECTION_LOST,
            EMIT_EPISODE_DATA, JOIN_GAME, PEER_TELEMETRY, PEER_EVENT, P2P_MESSAGE, "force_fallback", "restore_p2p",
            "set_link", "request_snapshot");

    private PeerEvents() {
    }
}
