package org.rollscope.netcode.mug;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One seat's connection health as a MUG server reports it ({@code p2p_health[player_id]} of a {@code state_update}),
 * mapped onto Rollscope's vocabulary. This is MUG's whole per-peer telemetry: everything else a Rollscope
 * {@link org.rollscope.netcode.health.PeerSample} carries (frames, rollbacks, gap rate, send buffer...) is unknown
 * for a MUG source, listed in {@link #UNKNOWN_FIELDS} and written as {@code null} by {@link #toTelemetryRow()}.
 *
 * <p>Why not a {@code PeerSample}: its frame and rollback counters are primitives, so a MUG row would have to claim
 * {@code frame = 0, rollbacks = 0}; unknown must never read as zero. Every field here is boxed and {@code null} when
 * MUG did not say.
 *
 * <p>Immutable; safe to read from any thread.
 *
 * @param source always {@link #SOURCE} ({@code "mug"}), so exported rows say where they came from
 * @param gameId the MUG game
 * @param playerId the seat, as a string (MUG's ids are often ints: {@code 0} becomes {@code "0"})
 * @param tMs when the peer sent the report (MUG's {@code timestamp}, epoch seconds → ms), or {@code null}
 * @param connectionType MUG's raw {@code connection_type}: {@code direct}, {@code relay}, {@code socketio_fallback},
 *     {@code unknown}
 * @param transport Rollscope's transport: {@code p2p} for {@code direct}/{@code relay} (WebRTC, either ICE path),
 *     {@code relay} for {@code socketio_fallback} (inputs through the server), {@code null} when unknown
 * @param icePath the WebRTC ICE path when {@code transport} is {@code p2p}: {@code direct} (host/srflx candidates) or
 *     {@code relay} (through a TURN server); {@code null} otherwise
 * @param rttMs MUG's {@code latency_ms}: a session-long MEDIAN of the WebRTC round trip ({@link #RTT_KIND}), not
 *     the 10-ping mean a Rollscope peer reports as {@code rtt_ms}; {@code null} when not reported
 * @param rttKind always {@link #RTT_KIND} ({@code "session_median"}), so charts and exports can label it
 * @param status MUG's raw {@code status}: {@code healthy}, {@code degraded}, {@code reconnecting}
 * @param health Rollscope's health: {@code healthy}, {@code degraded}, {@code critical} (MUG's {@code reconnecting});
 *     {@code null} for a status we do not know
 * @param episode MUG's {@code episode}, or {@code null}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MugPeerReport(
        @JsonProperty("source") String source,
        @JsonProperty("game_id") String gameId,
        @JsonProperty("player_id") String playerId,
        @JsonProperty("t_ms") Long tMs,
        @JsonProperty("connection_type") String connectionType,
        @JsonProperty("transport") String transport,
        @JsonProperty("ice_path") String icePath,
        @JsonProperty("rtt_ms") Double rttMs,
        @JsonProperty("rtt_kind") String rttKind,
        @JsonProperty("status") String status,
        @JsonProperty("health") String health,
        @JsonProperty("episode") Integer episode) {

    /** The value of {@code source} on everything that came from a MUG server. */
    public static final String SOURCE = "mug";
    /** What {@code rtt_ms} means for a MUG source: the median round trip over the session so far. */
    public static final String RTT_KIND = "session_median";

    /** Rollscope health levels. */
    public static final String HEALTH_HEALTHY = "healthy";
    public static final String HEALTH_DEGRADED = "degraded";
    public static final String HEALTH_CRITICAL = "critical";

    /**
     * telemetry.md §1 fields a MUG server never reports: unknown ({@code null}) for every MUG row, never zero.
     * ({@code seq} and {@code state} are absent too: MUG reports have no counter and no peer state.)
     */
    public static final List<String> UNKNOWN_FIELDS = List.of("seq", "state", "frame", "confirmed_frame",
            "verified_frame", "remote_frame", "frame_advantage", "rollbacks", "rollback_frames",
            "last_rollback_depth", "max_rollback_depth", "predicted_frames", "stalls", "relay_rtt_ms", "gap_rate",
            "buffered_amount", "transport_reason", "inputs_sent_p2p", "inputs_sent_relay", "inputs_recv_p2p",
            "inputs_recv_relay", "desyncs", "last_desync_frame", "fps", "step_ms", "link");

    public MugPeerReport {
        source = SOURCE;
        rttKind = RTT_KIND;
    }

    /**
     * This report as one timeline row with every telemetry.md §1 column: the ones MUG reports filled in, every
     * field of {@link #UNKNOWN_FIELDS} present and {@code null}, plus {@code source}, {@code connection_type},
     * {@code ice_path}, {@code rtt_kind}, {@code status} and {@code health}. Column order is stable (for CSV).
     */
    public Map<String, Object> toTelemetryRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("source", source);
        row.put("game_id", gameId);
        row.put("player_id", playerId);
        row.put("t_ms", tMs);
        row.put("episode", episode);
        row.put("rtt_ms", rttMs);
        row.put("rtt_kind", rttKind);
        row.put("transport", transport);
        row.put("ice_path", icePath);
        row.put("connection_type", connectionType);
        row.put("status", status);
        row.put("health", health);
        for (String unknown : UNKNOWN_FIELDS) {
            row.put(unknown, null);
        }
        return row;
    }
}
