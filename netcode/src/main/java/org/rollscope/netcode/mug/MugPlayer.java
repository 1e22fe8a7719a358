package org.rollscope.netcode.mug;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One seat of a MUG game.
 *
 * @param playerId MUG's player id as a string ({@code 0} → {@code "0"})
 * @param subjectId the participant at that seat ({@code subject_ids[i]}), or {@code null}
 * @param connectionStatus the participant's {@code connection_status} ({@code connected}, {@code disconnected},
 *     {@code reconnecting}...), or {@code null} when the participant is not listed
 * @param reportStatus {@link #REPORT_OK}, {@link #REPORT_MISSING} (no entry in {@code p2p_health}, e.g. player id
 *     {@code 0}, which MUG drops as falsy) or {@link #REPORT_EXPIRED} (older than 10 s at the state's time)
 * @param report the current health report, or {@code null} unless {@code reportStatus} is {@code ok}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MugPlayer(
        @JsonProperty("player_id") String playerId,
        @JsonProperty("subject_id") String subjectId,
        @JsonProperty("connection_status") String connectionStatus,
        @JsonProperty("report_status") String reportStatus,
        @JsonProperty("report") MugPeerReport report) {

    /** A current report is shown. */
    public static final String REPORT_OK = "ok";
    /** MUG has no report for this seat: show "no report". */
    public static final String REPORT_MISSING = "missing";
    /** The last report is more than {@link MugStateMapper#REPORT_EXPIRY_MS} old: show "no report". */
    public static final String REPORT_EXPIRED = "expired";

    /** Whether a user should see "no report" for this seat. */
    public boolean noReport() {
        return report == null;
    }
}
