package org.rollscope.netcode.relay;

import java.util.List;
import java.util.Map;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.json.JsonValue;

/**
 * The telemetry hot path's reader and writer of {@link PeerSample}, without Jackson: every sample of every peer goes
 * through both, and Jackson's way (the model turned into a plain map, the map into a token buffer, the buffer into
 * the record; then the record into text) was the largest share of the relay's own work per sample in the profile
 * (docs/relay-performance.md). Both take only the plain shape a Rollscope peer sends (each field of its own JSON
 * type, nothing to escape) and return {@code null} for anything else, for which the caller falls back to Jackson; so
 * the result is Jackson's in every case, which {@code SampleCodecTest} checks field by field and byte by byte.
 * Stateless; any thread.
 */
final class SampleCodec {
    private SampleCodec() {
    }

    /** Holds the fields read so far; a JSON member absent leaves Jackson's default (0 or null). */
    private static final class Fields {
        String gameId;
        String playerId;
        long seq;
        long tMs;
        String state;
        int episode;
        int frame;
        int confirmedFrame;
        int verifiedFrame;
        int remoteFrame;
        double frameAdvantage;
        long rollbacks;
        long rollbackFrames;
        int lastRollbackDepth;
        int maxRollbackDepth;
        int predictedFrames;
        long stalls;
        Double rttMs;
        Double relayRttMs;
        Double gapRate;
        Long bufferedAmount;
        String transport;
        String transportReason;
        long inputsSentP2p;
        long inputsSentRelay;
        long inputsRecvP2p;
        long inputsRecvRelay;
        long desyncs;
        Integer lastDesyncFrame;
        Double fps;
        Double stepMs;
        String icePath;
        Double iceRttMs;
        String source;
        String subjectId;
        Boolean focused;

        PeerSample build() {
            return new PeerSample(gameId, playerId, seq, tMs, state, episode, frame, confirmedFrame, verifiedFrame,
                    remoteFrame, frameAdvantage, rollbacks, rollbackFrames, lastRollbackDepth, maxRollbackDepth,
                    predictedFrames, stalls, rttMs, relayRttMs, gapRate, bufferedAmount, transport, transportReason,
                    inputsSentP2p, inputsSentRelay, inputsRecvP2p, inputsRecvRelay, desyncs, lastDesyncFrame, fps,
                    stepMs, null, icePath, iceRttMs, source, subjectId, focused, List.of(), List.of());
        }
    }

    /** Thrown inside {@link #read} when a member is not of the plain shape; never escapes. */
    private static final class NotPlain extends RuntimeException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    /**
     * The sample, or {@code null} when some member is not of the plain shape (a number given as a string, a
     * fraction for an integer, null for a primitive, a {@code link} object, a non-empty list...): Jackson's
     * coercions then decide, or refuse.
     */
    static PeerSample read(JsonValue.Obj in) {
        Fields f = new Fields();
        try {
            for (Map.Entry<String, JsonValue> member : in.members().entrySet()) {
                JsonValue v = member.getValue();
                switch (member.getKey()) {
                    case "game_id" -> f.gameId = str(v);
                    case "player_id" -> f.playerId = str(v);
                    case "seq" -> f.seq = lng(v);
                    case "t_ms" -> f.tMs = lng(v);
                    case "state" -> f.state = str(v);
                    case "episode" -> f.episode = integer(v);
                    case "frame" -> f.frame = integer(v);
                    case "confirmed_frame" -> f.confirmedFrame = integer(v);
                    case "verified_frame" -> f.verifiedFrame = integer(v);
                    case "remote_frame" -> f.remoteFrame = integer(v);
                    case "frame_advantage" -> f.frameAdvantage = dbl(v);
                    case "rollbacks" -> f.rollbacks = lng(v);
                    case "rollback_frames" -> f.rollbackFrames = lng(v);
                    case "last_rollback_depth" -> f.lastRollbackDepth = integer(v);
                    case "max_rollback_depth" -> f.maxRollbackDepth = integer(v);
                    case "predicted_frames" -> f.predictedFrames = integer(v);
                    case "stalls" -> f.stalls = lng(v);
                    case "rtt_ms" -> f.rttMs = optDbl(v);
                    case "relay_rtt_ms" -> f.relayRttMs = optDbl(v);
                    case "gap_rate" -> f.gapRate = optDbl(v);
                    case "buffered_amount" -> f.bufferedAmount = v == JsonValue.Null.INSTANCE ? null : lng(v);
                    case "transport" -> f.transport = str(v);
                    case "transport_reason" -> f.transportReason = str(v);
                    case "inputs_sent_p2p" -> f.inputsSentP2p = lng(v);
                    case "inputs_sent_relay" -> f.inputsSentRelay = lng(v);
                    case "inputs_recv_p2p" -> f.inputsRecvP2p = lng(v);
                    case "inputs_recv_relay" -> f.inputsRecvRelay = lng(v);
                    case "desyncs" -> f.desyncs = lng(v);
                    case "last_desync_frame" -> f.lastDesyncFrame = v == JsonValue.Null.INSTANCE ? null : integer(v);
                    case "fps" -> f.fps = optDbl(v);
                    case "step_ms" -> f.stepMs = optDbl(v);
                    case "link", "unknown_fields", "unsupported_commands" -> requireNull(v);
                    case "ice_path" -> f.icePath = str(v);
                    case "ice_rtt_ms" -> f.iceRttMs = optDbl(v);
                    case "source" -> f.source = str(v);
                    case "subject_id" -> f.subjectId = str(v);
                    case "focused" -> f.focused = v == JsonValue.Null.INSTANCE ? null : bool(v);
                    default -> { } // ignored, as Jackson is told to (newer peers may add fields)
                }
            }
        } catch (NotPlain e) {
            return null;
        }
        return f.build();
    }

    private static String str(JsonValue v) {
        if (v instanceof JsonValue.Str s) {
            return s.value();
        }
        requireNull(v);
        return null;
    }

    private static long lng(JsonValue v) {
        if (v instanceof JsonValue.Num n && n.integral()) {
            return n.integer();
        }
        throw NotPlain.INSTANCE;
    }

    private static int integer(JsonValue v) {
        long value = lng(v);
        if (value != (int) value) {
            throw NotPlain.INSTANCE; // Jackson refuses it; let it say so
        }
        return (int) value;
    }

    private static double dbl(JsonValue v) {
        if (v instanceof JsonValue.Num n) {
            return n.doubleValue();
        }
        throw NotPlain.INSTANCE;
    }

    private static Double optDbl(JsonValue v) {
        return v == JsonValue.Null.INSTANCE ? null : dbl(v);
    }

    private static Boolean bool(JsonValue v) {
        if (v instanceof JsonValue.Bool b) {
            return b.value();
        }
        throw NotPlain.INSTANCE;
    }

    private static void requireNull(JsonValue v) {
        if (v != JsonValue.Null.INSTANCE) {
            throw NotPlain.INSTANCE;
        }
    }

    /**
     * The sample as Jackson writes it (every field, in the record's order, nulls included), or {@code null} when it
     * holds something this writer leaves to Jackson: a {@code link}, a non-empty list, a string with a character
     * JSON escapes, a non-finite number.
     */
    static String write(PeerSample s) {
        if (s.link() != null || !s.unknownFields().isEmpty() || !s.unsupportedCommands().isEmpty()
                || !Double.isFinite(s.frameAdvantage())) {
            return null;
        }
        StringBuilder out = new StringBuilder(1100);
        try {
            out.append("{\"game_id\":");
            string(out, s.gameId());
            out.append(",\"player_id\":");
            string(out, s.playerId());
            out.append(",\"seq\":").append(s.seq());
            out.append(",\"t_ms\":").append(s.tMs());
            out.append(",\"state\":");
            string(out, s.state());
            out.append(",\"episode\":").append(s.episode());
            out.append(",\"frame\":").append(s.frame());
            out.append(",\"confirmed_frame\":").append(s.confirmedFrame());
            out.append(",\"verified_frame\":").append(s.verifiedFrame());
            out.append(",\"remote_frame\":").append(s.remoteFrame());
            out.append(",\"frame_advantage\":").append(s.frameAdvantage());
            out.append(",\"rollbacks\":").append(s.rollbacks());
            out.append(",\"rollback_frames\":").append(s.rollbackFrames());
            out.append(",\"last_rollback_depth\":").append(s.lastRollbackDepth());
            out.append(",\"max_rollback_depth\":").append(s.maxRollbackDepth());
            out.append(",\"predicted_frames\":").append(s.predictedFrames());
            out.append(",\"stalls\":").append(s.stalls());
            out.append(",\"rtt_ms\":");
            number(out, s.rttMs());
            out.append(",\"relay_rtt_ms\":");
            number(out, s.relayRttMs());
            out.append(",\"gap_rate\":");
            number(out, s.gapRate());
            out.append(",\"buffered_amount\":").append(s.bufferedAmount());
            out.append(",\"transport\":");
            string(out, s.transport());
            out.append(",\"transport_reason\":");
            string(out, s.transportReason());
            out.append(",\"inputs_sent_p2p\":").append(s.inputsSentP2p());
            out.append(",\"inputs_sent_relay\":").append(s.inputsSentRelay());
            out.append(",\"inputs_recv_p2p\":").append(s.inputsRecvP2p());
            out.append(",\"inputs_recv_relay\":").append(s.inputsRecvRelay());
            out.append(",\"desyncs\":").append(s.desyncs());
            out.append(",\"last_desync_frame\":").append(s.lastDesyncFrame());
            out.append(",\"fps\":");
            number(out, s.fps());
            out.append(",\"step_ms\":");
            number(out, s.stepMs());
            out.append(",\"link\":null,\"ice_path\":");
            string(out, s.icePath());
            out.append(",\"ice_rtt_ms\":");
            number(out, s.iceRttMs());
            out.append(",\"source\":");
            string(out, s.source());
            out.append(",\"subject_id\":");
            string(out, s.subjectId());
            out.append(",\"focused\":").append(s.focused());
            out.append(",\"unknown_fields\":[],\"unsupported_commands\":[]}");
        } catch (NotPlain e) {
            return null;
        }
        return out.toString();
    }

    /** A string Jackson would write unescaped, or null (appending "null" for null works the same). */
    private static void string(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                throw NotPlain.INSTANCE;
            }
        }
        out.append('"').append(s).append('"');
    }

    private static void number(StringBuilder out, Double d) {
        if (d != null && !Double.isFinite(d)) {
            throw NotPlain.INSTANCE;
        }
        out.append(d);
    }
}
