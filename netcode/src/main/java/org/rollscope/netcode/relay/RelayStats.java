package org.rollscope.netcode.relay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A point-in-time copy of the relay's counters. Counters are cumulative since start; gauges are current values.
 *
 * @param rejected refusals per {@link RejectReason#code()}, every reason present
 * @param peersConnected gauge: connections on the default namespace
 * @param observersConnected gauge: authenticated observer connections
 * @param sessions gauge: sessions in the registry (ended ones included until pruned)
 * @param samplesReceived {@code peer_telemetry} samples accepted
 * @param samplesDropped samples dropped from full observer queues (summed over observers)
 * @param actionsRelayed {@code pyodide_player_action} forwarded to the other seat
 * @param undeliverable actions and P2P messages dropped because the other seat had no connected peer
 * @param p2pMessagesRelayed {@code rollscope_p2p_message} forwarded
 * @param episodesStored episode files written
 * @param httpRefused refusals below Socket.IO: {@code connections_total} and {@code connections_per_address}
 *     (connections closed at once over a cap), {@code bodies} (polling bodies too large, too slow, or no room)
 */
public record RelayStats(
        @JsonProperty("rejected") Map<String, Long> rejected,
        @JsonProperty("peers_connected") int peersConnected,
        @JsonProperty("observers_connected") int observersConnected,
        @JsonProperty("sessions") int sessions,
        @JsonProperty("samples_received") long samplesReceived,
        @JsonProperty("samples_dropped") long samplesDropped,
        @JsonProperty("actions_relayed") long actionsRelayed,
        @JsonProperty("undeliverable") long undeliverable,
        @JsonProperty("p2p_messages_relayed") long p2pMessagesRelayed,
        @JsonProperty("episodes_stored") long episodesStored,
        @JsonProperty("http_refused") Map<String, Long> httpRefused) {

    public RelayStats {
        rejected = Map.copyOf(rejected);
        httpRefused = Map.copyOf(httpRefused);
    }

    /** The count for one reason. */
    public long rejected(RejectReason reason) {
        return rejected.getOrDefault(reason.code(), 0L);
    }
}
