package org.rollscope.netcode.relay;

import java.util.Set;

/**
 * Names of the default namespace's events: MUG's (wire.md §2) and Rollscope's own (docs/relay-protocol.md). Public
 * because both ends use them: the relay here, the headless peer's relay client in {@code peer}.
 */
public final class PeerEvents {
    // Peer -> relay, MUG
    public static final String PLAYER_ACTION = "pyodide_player_action";
    public static final String WEBRTC_SIGNAL = "webrtc_signal";
    public static final String P2P_HEALTH_REPORT = "p2p_health_report";
    public static final String P2P_CONNECTION_LOST = "p2p_connection_lost";
    public static final String EMIT_EPISODE_DATA = "emit_episode_data";
    // Peer -> relay, Rollscope
    public static final String JOIN_GAME = "join_game";
    public static final String PEER_TELEMETRY = "peer_telemetry";
    public static final String PEER_EVENT = "peer_event";
    public static final String P2P_MESSAGE = "rollscope_p2p_message";
    // Relay -> peer, MUG
    public static final String OTHER_PLAYER_ACTION = "pyodide_other_player_action";
    public static final String PLAYER_ASSIGNED = "pyodide_player_assigned";
    public static final String GAME_READY = "pyodide_game_ready";
    // Relay -> peer, Rollscope
    public static final String COMMAND = "rollscope_command";
    public static final String ERROR = "rollscope_error";

    /** Observer commands: refused on the default namespace. */
    static final Set<String> COMMANDS = Set.of("force_fallback", "restore_p2p", "set_link", "request_snapshot");

    /** Everything a peer may send; any other event name is answered with unknown_event. */
    static final Set<String> KNOWN = Set.of(PLAYER_ACTION, WEBRTC_SIGNAL, P2P_HEALTH_REPORT, P2P_CONNECTION_LOST,
            EMIT_EPISODE_DATA, JOIN_GAME, PEER_TELEMETRY, PEER_EVENT, P2P_MESSAGE, "force_fallback", "restore_p2p",
            "set_link", "request_snapshot");

    private PeerEvents() {
    }
}
