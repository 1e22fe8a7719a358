package org.rollscope.netcode.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between {@link Message}s and the "decoded" objects of shared/vectors/wire-mug.json (camelCase fields,
 * STATE_HASH hash as 16 lowercase hex chars). Written independently of the codec so that the vectors check it.
 */
final class VectorFields {
    private VectorFields() {}

    /** The message a vector's "decoded" object describes. */
    static Message toMessage(JsonNode d) {
        String type = d.get("type").asText();
        switch (type) {
            case "INPUT":
                return new Message.Input(d.get("playerIndex").intValue(), d.get("currentFrame").intValue(), inputs(d));
            case "PING":
                return new Message.Ping(d.get("timestampMs").doubleValue());
            case "PONG":
                return new Message.Pong(d.get("timestampMs").doubleValue());
            case "KEEPALIVE":
                return new Message.Keepalive();
            case "EPISODE_END":
                return new Message.EpisodeEnd(d.get("frame").intValue(), d.get("episode").intValue());
            case "EPISODE_READY":
                return new Message.EpisodeReady(d.get("episode").intValue(), d.get("stateHash").asText());
            case "STATE_HASH":
                return new Message.StateHash(d.get("frame").intValue(), HexFormat.fromHexDigitsToLong(d.get("hash").asText()));
            case "VALIDATION_PING":
                return new Message.ValidationPing(d.get("timestampMs").doubleValue());
            case "VALIDATION_PONG":
                return new Message.ValidationPong(d.get("timestampMs").doubleValue());
            case "INPUT_REQUEST":
                return new Message.InputRequest(d.get("startFrame").intValue(), d.get("endFrame").intValue());
            case "INPUT_RESPONSE":
                return new Message.InputResponse(d.get("playerIndex").intValue(), inputs(d));
            case "FOCUS_STATE":
                return new Message.FocusState(d.get("focused").booleanValue(), d.get("frame").intValue());
            default:
                throw new IllegalArgumentException("vector of unknown type " + type);
        }
    }

    /** A message's fields named and typed as in the vectors, for a field-by-field comparison. */
    static Map<String, Object> of(Message m) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", WireTypes.name(m.type()));
        if (m instanceof Message.Input in) {
            f.put("playerIndex", in.playerIndex());
            f.put("currentFrame", in.currentFrame());
            f.put("inputs", inputs(in.inputs()));
        } else if (m instanceof Message.Ping p) {
            f.put("timestampMs", p.timestampMs());
        } else if (m instanceof Message.Pong p) {
            f.put("timestampMs", p.timestampMs());
        } else if (m instanceof Message.ValidationPing p) {
            f.put("timestampMs", p.timestampMs());
        } else if (m instanceof Message.ValidationPong p) {
            f.put("timestampMs", p.timestampMs());
        } else if (m instanceof Message.EpisodeEnd e) {
            f.put("frame", e.frame());
            f.put("episode", e.episode());
        } else if (m instanceof Message.EpisodeReady r) {
            f.put("episode", r.episode());
            f.put("stateHash", r.stateHash());
        } else if (m instanceof Message.StateHash h) {
            f.put("frame", h.frame());
            f.put("hash", HexFormat.of().toHexDigits(h.hash()));
        } else if (m instanceof Message.InputRequest r) {
            f.put("startFrame", r.startFrame());
            f.put("endFrame", r.endFrame());
        } else if (m instanceof Message.InputResponse r) {
            f.put("playerIndex", r.playerIndex());
            f.put("inputs", inputs(r.inputs()));
        } else if (m instanceof Message.FocusState s) {
            f.put("focused", s.focused());
            f.put("frame", s.frame());
        }
        return f;
    }

    private static List<Message.FrameAction> inputs(JsonNode d) {
        List<Message.FrameAction> inputs = new ArrayList<>();
        for (JsonNode i : d.get("inputs")) {
            inputs.add(new Message.FrameAction(i.get("frame").intValue(), i.get("action").intValue()));
        }
        return inputs;
    }

    private static List<Map<String, Object>> inputs(List<Message.FrameAction> inputs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Message.FrameAction fa : inputs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("frame", fa.frame());
            m.put("action", fa.action());
            out.add(m);
        }
        return out;
    }
}
