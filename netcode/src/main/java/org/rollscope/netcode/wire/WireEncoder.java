package org.rollscope.netcode.wire;

import static org.rollscope.netcode.wire.WireCodec.FOCUS_STATE_BYTES;
import static org.rollscope.netcode.wire.WireCodec.FRAME_ACTION_BYTES;
import static org.rollscope.netcode.wire.WireCodec.HASH_PACKET_BYTES;
import static org.rollscope.netcode.wire.WireCodec.INPUT_HEADER_BYTES;
import static org.rollscope.netcode.wire.WireCodec.INPUT_RESPONSE_HEADER_BYTES;
import static org.rollscope.netcode.wire.WireCodec.MAX_INPUTS_PER_PACKET;
import static org.rollscope.netcode.wire.WireCodec.MAX_INPUTS_PER_RESPONSE;
import static org.rollscope.netcode.wire.WireCodec.MAX_PLAYER_INDEX;
import static org.rollscope.netcode.wire.WireCodec.TIMESTAMP_PACKET_BYTES;
import static org.rollscope.netcode.wire.WireCodec.TWO_U32_PACKET_BYTES;

import java.util.List;
import java.util.Objects;

/**
 * The encoding half of {@link WireCodec}. Every field is validated before the first byte is written, so a refused
 * message leaves the caller's buffer untouched.
 */
final class WireEncoder {
    private WireEncoder() {}

    static int length(Message m) {
        switch (m.type()) {
            case WireTypes.INPUT:
                return INPUT_HEADER_BYTES + FRAME_ACTION_BYTES * ((Message.Input) m).inputs().size();
            case WireTypes.INPUT_RESPONSE:
                return INPUT_RESPONSE_HEADER_BYTES + FRAME_ACTION_BYTES * ((Message.InputResponse) m).inputs().size();
            case WireTypes.KEEPALIVE:
                return 1;
            case WireTypes.EPISODE_READY:
            case WireTypes.STATE_HASH:
                return HASH_PACKET_BYTES;
            case WireTypes.FOCUS_STATE:
                return FOCUS_STATE_BYTES;
            case WireTypes.PING:
            case WireTypes.PONG:
            case WireTypes.VALIDATION_PING:
            case WireTypes.VALIDATION_PONG:
                return TIMESTAMP_PACKET_BYTES;
            default: // EPISODE_END, INPUT_REQUEST: the sealed Message permits nothing else
                return TWO_U32_PACKET_BYTES;
        }
    }

    static void write(Message m, byte[] out, int off) {
        if (m instanceof Message.Input in) {
            checkCount("INPUT", in.inputs().size(), 1, MAX_INPUTS_PER_PACKET);
            checkPlayerIndex("INPUT", in.playerIndex());
            checkFrame("INPUT currentFrame", in.currentFrame());
            checkInputs("INPUT", in.inputs());
            u16(out, off + 1, in.playerIndex());
            i32(out, off + 3, in.currentFrame());
            out[off + 7] = (byte) in.inputs().size();
            out[off + 8] = 0; // reserved
            writeInputs(in.inputs(), out, off + INPUT_HEADER_BYTES);
        } else if (m instanceof Message.Ping p) {
            timestamp("PING", p.timestampMs(), out, off);
        } else if (m instanceof Message.Pong p) {
            timestamp("PONG", p.timestampMs(), out, off);
        } else if (m instanceof Message.ValidationPing p) {
            timestamp("VALIDATION_PING", p.timestampMs(), out, off);
        } else if (m instanceof Message.ValidationPong p) {
            timestamp("VALIDATION_PONG", p.timestampMs(), out, off);
        } else if (m instanceof Message.EpisodeEnd e) {
            checkFrame("EPISODE_END frame", e.frame());
            checkEpisode("EPISODE_END", e.episode());
            i32(out, off + 1, e.frame());
            i32(out, off + 5, e.episode());
        } else if (m instanceof Message.EpisodeReady r) {
            checkEpisode("EPISODE_READY", r.episode());
            checkHashText(r.stateHash());
            i32(out, off + 1, r.episode());
            String hash = r.stateHash();
            for (int i = 0; i < WireCodec.EPISODE_READY_HASH_BYTES; i++) {
                out[off + 5 + i] = i < hash.length() ? (byte) hash.charAt(i) : 0; // NUL padding
            }
        } else if (m instanceof Message.StateHash h) {
            checkFrame("STATE_HASH frame", h.frame());
            i32(out, off + 1, h.frame());
            i64(out, off + 5, h.hash());
        } else if (m instanceof Message.InputRequest r) {
            checkFrame("INPUT_REQUEST startFrame", r.startFrame());
            checkFrame("INPUT_REQUEST endFrame", r.endFrame());
            i32(out, off + 1, r.startFrame());
            i32(out, off + 5, r.endFrame());
        } else if (m instanceof Message.InputResponse r) {
            checkCount("INPUT_RESPONSE", r.inputs().size(), 0, MAX_INPUTS_PER_RESPONSE);
            checkPlayerIndex("INPUT_RESPONSE", r.playerIndex());
            checkInputs("INPUT_RESPONSE", r.inputs());
            u16(out, off + 1, r.playerIndex());
            u16(out, off + 3, r.inputs().size());
            writeInputs(r.inputs(), out, off + INPUT_RESPONSE_HEADER_BYTES);
        } else if (m instanceof Message.FocusState f) {
            checkFrame("FOCUS_STATE frame", f.frame());
            out[off + 1] = (byte) (f.focused() ? 1 : 0);
            i32(out, off + 2, f.frame());
        }
        // Keepalive: the type byte is all there is. Written last so that a refused message writes nothing.
        out[off] = (byte) m.type();
    }

    private static void writeInputs(List<Message.FrameAction> inputs, byte[] out, int at) {
        for (int i = 0, n = inputs.size(); i < n; i++, at += FRAME_ACTION_BYTES) {
            Message.FrameAction fa = inputs.get(i);
            i32(out, at, fa.frame());
            out[at + 4] = (byte) fa.action();
        }
    }

    private static void timestamp(String type, double t, byte[] out, int off) {
        if (!Double.isFinite(t)) {
            throw new IllegalArgumentException(type + " timestamp must be a finite number of milliseconds, got " + t);
        }
        // Raw bits: a PONG must echo the PING's 8 bytes unchanged (wire.md), so no canonicalisation of any kind.
        i64(out, off + 1, Double.doubleToRawLongBits(t));
    }

    private static void checkInputs(String type, List<Message.FrameAction> inputs) {
        for (int i = 0, n = inputs.size(); i < n; i++) {
            Message.FrameAction fa = inputs.get(i);
            if (fa.frame() < 0) {
                throw new IllegalArgumentException(type + " inputs[" + i + "].frame must be >= 0, got " + fa.frame());
            }
            if (fa.action() < 0 || fa.action() > 0xFF) {
                throw new IllegalArgumentException(
                        type + " inputs[" + i + "].action must be in 0..255 (u8), got " + fa.action());
            }
        }
    }

    private static void checkCount(String type, int count, int min, int max) {
        if (count < min || count > max) {
            throw new IllegalArgumentException(type + " must carry " + min + ".." + max + " inputs, got " + count);
        }
    }

    private static void checkPlayerIndex(String type, int playerIndex) {
        if (playerIndex < 0 || playerIndex > MAX_PLAYER_INDEX) {
            throw new IllegalArgumentException(
                    type + " playerIndex must be in 0.." + MAX_PLAYER_INDEX + " (u16), got " + playerIndex);
        }
    }

    private static void checkFrame(String field, int frame) {
        if (frame < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + frame);
        }
    }

    private static void checkEpisode(String type, int episode) {
        if (episode < 0) {
            throw new IllegalArgumentException(type + " episode must be >= 0, got " + episode);
        }
    }

    private static void checkHashText(String hash) {
        Objects.requireNonNull(hash, "EPISODE_READY stateHash");
        if (hash.length() > WireCodec.EPISODE_READY_HASH_BYTES) {
            throw new IllegalArgumentException("EPISODE_READY stateHash must be at most "
                    + WireCodec.EPISODE_READY_HASH_BYTES + " characters, got " + hash.length() + ": \"" + hash + "\"");
        }
        for (int i = 0; i < hash.length(); i++) {
            char c = hash.charAt(i);
            if (c == 0 || c > 0x7F) {
                throw new IllegalArgumentException(String.format(
                        "EPISODE_READY stateHash must be ASCII 0x01..0x7F, got U+%04X at index %d of \"%s\"", (int) c, i, hash));
            }
        }
    }

    private static void u16(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 8);
        out[at + 1] = (byte) v;
    }

    private static void i32(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
    }

    private static void i64(byte[] out, int at, long v) {
        i32(out, at, (int) (v >>> 32));
        i32(out, at + 4, (int) v);
    }
}
