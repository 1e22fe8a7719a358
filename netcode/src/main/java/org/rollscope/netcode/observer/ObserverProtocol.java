package org.rollscope.netcode.observer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.json.JSONObject;

/**
 * Names of the {@code /observer} namespace's events and the JSON mapping both ends use (telemetry.md §3; the
 * relay's own additions are documented in docs/relay-protocol.md). Thread-safe.
 */
public final class ObserverProtocol {

    /** The namespace observers connect to. */
    public static final String NAMESPACE = "/observer";
    /** Key of the access token in the handshake's auth payload. */
    public static final String AUTH_TOKEN = "token";

    /** Server → observer: {@link SessionsSnapshot}. */
    public static final String SESSIONS_SNAPSHOT = "sessions_snapshot";
    /** Server → observer: {@link TelemetryBatch}. */
    public static final String PEER_TELEMETRY = "peer_telemetry";
    /** Server → observer: {@link SessionEvent}. */
    public static final String SESSION_EVENT = "session_event";

    /** Observer → server commands, each acknowledged with a {@link CommandResult}. */
    public static final String FORCE_FALLBACK = "force_fallback";
    public static final String RESTORE_P2P = "restore_p2p";
    public static final String SET_LINK = "set_link";
    public static final String REQUEST_SNAPSHOT = "request_snapshot";
    /** Observer → server: the archive's session list ({@code ctl history}, the console's History view). */
    public static final String ARCHIVE_SESSIONS = "archive_sessions";
    /** Observer → server: one page of an archived session's samples and events ({@code ctl export}). */
    public static final String ARCHIVE_TIMELINE = "archive_timeline";

    /** Refusal reasons an observer sees in {@code connect_error}'s {@code message}. */
    public static final String REFUSED_WRONG_TOKEN = "wrong token";
    public static final String REFUSED_MISSING_TOKEN = "missing token";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer relays may add fields
            .build();

    private ObserverProtocol() {
    }

    /** The shared mapper: unknown properties are ignored so that older clients read newer relays. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A record as an org.json object, the form Socket.IO libraries send. */
    public static JSONObject toJson(Object value) {
        try {
            return new JSONObject(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** An org.json object (as Socket.IO delivers it) read as a record. Throws IllegalArgumentException if malformed. */
    public static <T> T fromJson(Object json, Class<T> type) {
        try {
            return MAPPER.readValue(String.valueOf(json), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
