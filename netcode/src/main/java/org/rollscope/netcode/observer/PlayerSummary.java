package org.rollscope.netcode.observer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.rollscope.netcode.health.PeerSample;

/**
 * One seat of a session in a {@link SessionsSnapshot}.
 *
 * @param playerId the seat's player id
 * @param subjectId the participant id the peer gave when joining, or {@code null}
 * @param connected whether a peer currently holds the seat
 * @param sample the latest {@code peer_telemetry} sample, or {@code null} before the first
 * @param health the latest {@code p2p_health_report} as sent by the peer (stamped with the seat), or {@code null}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PlayerSummary(
        @JsonProperty("player_id") String playerId,
        @JsonProperty("subject_id") String subjectId,
        @JsonProperty("connected") boolean connected,
        @JsonProperty("sample") PeerSample sample,
        @JsonProperty("health") Map<String, Object> health) {
}
