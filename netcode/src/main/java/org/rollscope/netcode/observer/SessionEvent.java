package org.rollscope.netcode.observer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One event in a session's life (telemetry.md §3 {@code session_event}), as observers receive it and as the relay
 * writes it to {@code <game_id>/events.jsonl}.
 *
 * @param gameId the session
 * @param playerId the seat it concerns, or {@code null} for the whole session
 * @param tMs wall-clock time in ms when the relay recorded it
 * @param kind one of the {@code KIND_*} constants (open set: observers must tolerate unknown kinds)
 * @param detail kind-specific fields, never null (e.g. {@code {"reason": "forced"}} for a switch)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SessionEvent(
        @JsonProperty("game_id") String gameId,
        @JsonProperty("player_id") String playerId,
        @JsonProperty("t_ms") long tMs,
        @JsonProperty("kind") String kind,
        @JsonProperty("detail") Map<String, Object> detail) {

    /** Relay: a session was created (detail: {@code game_seed}). */
    public static final String KIND_CREATED = "created";
    /** Relay: a peer took a seat (detail: {@code subject_id}, {@code rejoin}). */
    public static final String KIND_JOINED = "joined";
    /** Relay: a seated peer disconnected (detail: {@code reason}). Its seat stays reserved for it. */
    public static final String KIND_LEFT = "left";
    /** Peer: the peer-to-peer channel is up. */
    public static final String KIND_P2P_UP = "p2p_up";
    /** Peer: inputs switched to the relay (detail: {@code reason}, e.g. {@code forced}, {@code closed}). */
    public static final String KIND_FALLBACK = "fallback";
    /** Peer: inputs back on the peer-to-peer channel (detail: {@code reason}). */
    public static final String KIND_P2P_RESTORED = "p2p_restored";
    /** Relay, from MUG's {@code p2p_connection_lost} (detail: {@code frame_number}, {@code timestamp}). */
    public static final String KIND_P2P_CONNECTION_LOST = "p2p_connection_lost";
    /** Peer: confirmed-frame hashes differed (detail: {@code frame}). */
    public static final String KIND_DESYNC = "desync";
    /** Peer: an episode ended (detail: {@code episode}, {@code frames}). */
    public static final String KIND_EPISODE_END = "episode_end";
    /**
     * Peer: the partner made no progress for the partner timeout, so this peer ended the episode in play and uploads
     * its confirmed frames as partial (detail: {@code episode}, {@code confirmed_frame}, {@code waited_ms},
     * {@code partial_episode}). See docs/peer.md.
     */
    public static final String KIND_PARTNER_GONE = "partner_gone";
    /**
     * Relay: an episode's data was stored (detail: {@code episode}, {@code path}, {@code bytes}, {@code partial}: true
     * for an episode cut short because the partner was gone).
     */
    public static final String KIND_EXPORT_STORED = "export_stored";
    /** Relay: an observer command ran (detail: {@code command}, {@code args}, {@code ok}, {@code error}). */
    public static final String KIND_COMMAND = "command";
    /** Relay or peer: the session is over (detail: {@code reason}). */
    public static final String KIND_ENDED = "ended";

    /**
     * Relay: the archive could not keep some of this session's samples or events (its buffer was full because the
     * database was slow, down or out of space). Detail: {@code samples}, {@code events}, {@code from_t_ms},
     * {@code to_t_ms}, {@code reason}. See docs/archive.md.
     */
    public static final String KIND_ARCHIVE_DROPPED = "archive_dropped";
    /**
     * Relay: the relay restarted while this session was live. Detail: {@code clean} (false after a crash or kill -9),
     * {@code last_archived_t_ms} (what came after it, at most the last second before a crash, was not archived),
     * {@code restarted_t_ms}.
     */
    public static final String KIND_RELAY_RESTARTED = "relay_restarted";

    /**
     * Relay: a session event could not be stored in its events.jsonl (detail: {@code file}, {@code error},
     * {@code kind} of the event not stored, {@code reason} {@code failed} or {@code full}). Sent to observers only.
     */
    public static final String KIND_STORAGE_ERROR = "storage_error";
    /** Relay: an episode upload differed from the stored one and was refused (detail: {@code episode}, {@code path}). */
    public static final String KIND_EPISODE_CONFLICT = "episode_conflict";

    /** Kinds a peer may report with {@code peer_event}; the rest are the relay's own. */
    public static final Set<String> PEER_REPORTABLE_KINDS =
            Set.of(KIND_P2P_UP, KIND_FALLBACK, KIND_P2P_RESTORED, KIND_DESYNC, KIND_EPISODE_END, KIND_PARTNER_GONE,
                    KIND_ENDED);

    public SessionEvent {
        // Not Map.copyOf: a detail may hold JSON nulls (a peer's own detail object), which Map.copyOf rejects.
        detail = detail == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }
}
