package org.rollscope.netcode.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.json.JSONObject;
import org.rollscope.netcode.health.PeerSample;

/**
 * Admits a {@code /probe} connect whose auth payload carries the probe key and a seat ({@code game_id},
 * {@code player_id}, each a safe id; {@code subject_id} optional, at most 256 characters). Everything else is refused
 * with a reason the probe sees in {@code connect_error} and counted. Compares the key in constant time. Thread-safe.
 *
 * <p>The key is deliberately not the observer token: it is pasted into a MUG scene, so participants can read it. It
 * lets a page report for the seat it names and receive that seat's commands, nothing more.
 */
final class ProbeKeyCheck {
    private final byte[] key;
    private final RejectCounters counters;

    ProbeKeyCheck(String key, RejectCounters counters) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.counters = counters;
    }

    /** {@code null} to admit, else the refusal. */
    String refusal(Object auth) {
        JSONObject in = auth instanceof JSONObject o ? o : new JSONObject();
        Object given = in.opt(ProbeProtocol.AUTH_KEY);
        if (!(given instanceof String s) || s.isEmpty()) {
            counters.increment(RejectReason.MISSING_TOKEN);
            return ProbeProtocol.REFUSED_MISSING_KEY;
        }
        if (!MessageDigest.isEqual(key, s.getBytes(StandardCharsets.UTF_8))) {
            counters.increment(RejectReason.WRONG_TOKEN);
            return ProbeProtocol.REFUSED_WRONG_KEY;
        }
        try {
            seatOf(in);
        } catch (RelayRequestException e) {
            counters.increment(e.reason());
            return e.getMessage();
        }
        return null;
    }

    /** The seat an admitted probe named. Throws RelayRequestException (malformed, invalid_id) otherwise. */
    static ProbeSeat seatOf(JSONObject auth) {
        String gameId = SafeIds.require(ProbeProtocol.AUTH_GAME_ID, requireId(auth, ProbeProtocol.AUTH_GAME_ID));
        String playerId = SafeIds.require(ProbeProtocol.AUTH_PLAYER_ID,
                requireId(auth, ProbeProtocol.AUTH_PLAYER_ID));
        String subjectId = optId(auth, ProbeProtocol.AUTH_SUBJECT_ID);
        if (subjectId != null && subjectId.length() > 256) {
            throw Payloads.malformed("subject_id is longer than 256 characters");
        }
        return new ProbeSeat(gameId, playerId, subjectId, sourceOf(auth));
    }

    /** {@code mug-probe} unless the reporter says it is the MUG pilot; any other value is refused. */
    private static String sourceOf(JSONObject auth) {
        Object v = auth.opt(ProbeProtocol.AUTH_SOURCE);
        if (v == null || v == JSONObject.NULL || PeerSample.SOURCE_MUG_PROBE.equals(v)) {
            return PeerSample.SOURCE_MUG_PROBE;
        }
        if (PeerSample.SOURCE_MUG_PILOT.equals(v)) {
            return PeerSample.SOURCE_MUG_PILOT;
        }
        throw Payloads.malformed(ProbeProtocol.AUTH_SOURCE + " must be " + PeerSample.SOURCE_MUG_PROBE + " or "
                + PeerSample.SOURCE_MUG_PILOT);
    }

    /** A required id of the (org.json) auth payload: a string, or an integer (MUG's player ids often are). */
    private static String requireId(JSONObject auth, String key) {
        String id = optId(auth, key);
        if (id == null) {
            throw Payloads.malformed("missing " + key);
        }
        return id;
    }

    private static String optId(JSONObject auth, String key) {
        Object v = auth.opt(key);
        if (v == null || v == JSONObject.NULL) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        throw Payloads.malformed(key + " must be a string");
    }

    /**
     * The MUG seat a probe reports for: MUG's game id, its player id, the (possibly hashed) subject id or null, and
     * the source its samples are stamped with (a page's probe or the MUG pilot).
     */
    record ProbeSeat(String gameId, String playerId, String subjectId, String source) {
        boolean isPilot() {
            return PeerSample.SOURCE_MUG_PILOT.equals(source);
        }
    }
}
