package org.rollscope.netcode.peer;

import org.json.JSONObject;

/**
 * Where connection set-up messages for the other seat go: {@code webrtc_signal {game_id, target_player_id, type,
 * payload}} on a Rollscope relay or on a MUG server (the same event on both). Never blocks.
 */
interface SignalSender {
    void sendSignal(String targetPlayerId, String type, JSONObject payload);
}
