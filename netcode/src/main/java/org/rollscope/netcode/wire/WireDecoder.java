package org.rollscope.netcode.wire;

import static org.rollscope.netcode.wire.WireCodec.FOCUS_STATE_BYTES;
import static org.rollscope.netcode.wire.WireCodec.FRAME_ACTION_BYTES;
import static org.rollscope.netcode.wire.WireCodec.HASH_PACKET_BYTES;
import static org.rollscope.netcode.wire.WireCodec.INPUT_HEADER_BYTES;
import static org.rollscope.netcode.wire.WireCodec.INPUT_RESPONSE_HEADER_BYTES;
import static org.rollscope.netcode.wire.WireCodec.MAX_INPUTS_PER_PACKET;
import static org.rollscope.netcode.wire.WireCodec.TIMESTAMP_PACKET_BYTES;
import static org.rollscope.netcode.wire.WireCodec.TWO_U32_PACKET_BYTES;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The decoding half of {@link WireCodec}: hand-written big-endian reads, checks in the order a reader would want the
 * first problem reported (size of the fixed part, count, reserved byte, exact size, then field values).
 */
final class WireDecoder {
    private static final Message.Keepalive KEEPALIVE = new Message.Keepalive();

    private WireDecoder() {}

    static Message decode(byte[] d, int off, int len) throws MalformedPacketException {
        if (len == 0) {
            throw new MalformedPacketException(RejectReason.EMPTY, "empty packet (no type byte)");
        }
        int type = d[off] & 0xFF;
        switch (type) {
            case WireTypes.INPUT:
                return input(d, off, len);
            case WireTypes.PING:
                return new Message.Ping(timestamp(d, off, len, type));
            case WireTypes.PONG:
                return new Message.Pong(timestamp(d, off, len, type));
            case WireTypes.KEEPALIVE:
                return KEEPALIVE; // wire.md: "≥ 1" byte; whatever follows the type byte means nothing
            case WireTypes.EPISODE_END:
                requireLength(type, len, TWO_U32_PACKET_BYTES);
                return new Message.EpisodeEnd(frame(d, off + 1, type, "frame"), episode(d, off + 5, type));
            case WireTypes.EPISODE_READY:
                requireLength(type, len, HASH_PACKET_BYTES);
                return new Message.EpisodeReady(episode(d, off + 1, type), hashText(d, off + 5));
            case WireTypes.STATE_HASH:
                requireLength(type, len, HASH_PACKET_BYTES);
                return new Message.StateHash(frame(d, off + 1, type, "frame"), i64(d, off + 5));
            case WireTypes.VALIDATION_PING:
                return new Message.ValidationPing(timestamp(d, off, len, type));
            case WireTypes.VALIDATION_PONG:
                return new Message.ValidationPong(timestamp(d, off, len, type));
            case WireTypes.INPUT_REQUEST:
                requireLength(type, len, TWO_U32_PACKET_BYTES);
                return new Message.InputRequest(
                        frame(d, off + 1, type, "startFrame"), frame(d, off + 5, type, "endFrame"));
            case WireTypes.INPUT_RESPONSE:
                return inputResponse(d, off, len);
            case WireTypes.FOCUS_STATE:
                return focusState(d, off, len);
            default:
                if (WireCodec.isTextFrame(d, off, len)) {
                    throw new MalformedPacketException(RejectReason.TEXT_FRAME,
                            "JSON text frame of " + len + " bytes (ignored, not an error)");
                }
                throw new MalformedPacketException(RejectReason.UNKNOWN_TYPE,
                        String.format("unknown type byte 0x%02x in a packet of %d bytes", type, len));
        }
    }

    private static Message.Input input(byte[] d, int off, int len) throws MalformedPacketException {
        if (len < INPUT_HEADER_BYTES) {
            throw truncated("INPUT header needs " + INPUT_HEADER_BYTES + " bytes, got " + len);
        }
        int count = d[off + 7] & 0xFF;
        if (count < 1 || count > MAX_INPUTS_PER_PACKET) {
            throw new MalformedPacketException(RejectReason.BAD_COUNT,
                    "INPUT count " + count + " is outside 1.." + MAX_INPUTS_PER_PACKET + " (packet of " + len + " bytes)");
        }
        int reserved = d[off + 8] & 0xFF;
        if (reserved != 0) {
            throw new MalformedPacketException(RejectReason.RESERVED_NOT_ZERO,
                    String.format("INPUT reserved byte is 0x%02x, must be 0x00", reserved));
        }
        requireCountedLength(WireTypes.INPUT, len, INPUT_HEADER_BYTES, count);
        int playerIndex = u16(d, off + 1);
        int currentFrame = frame(d, off + 3, WireTypes.INPUT, "currentFrame");
        return new Message.Input(playerIndex, currentFrame, frameActions(d, off + INPUT_HEADER_BYTES, count, WireTypes.INPUT));
    }

    private static Message.InputResponse inputResponse(byte[] d, int off, int len) throws MalformedPacketException {
        if (len < INPUT_RESPONSE_HEADER_BYTES) {
            throw truncated("INPUT_RESPONSE header needs " + INPUT_RESPONSE_HEADER_BYTES + " bytes, got " + len);
        }
        int count = u16(d, off + 3);
        requireCountedLength(WireTypes.INPUT_RESPONSE, len, INPUT_RESPONSE_HEADER_BYTES, count);
        return new Message.InputResponse(u16(d, off + 1),
                frameActions(d, off + INPUT_RESPONSE_HEADER_BYTES, count, WireTypes.INPUT_RESPONSE));
    }

    private static List<Message.FrameAction> frameActions(byte[] d, int at, int count, int type)
            throws MalformedPacketException {
        Message.FrameAction[] inputs = new Message.FrameAction[count];
        for (int i = 0; i < count; i++, at += FRAME_ACTION_BYTES) {
            int frame = i32(d, at);
            if (frame < 0) {
                throw frameOutOfRange(type, "inputs[" + i + "].frame", frame);
            }
            inputs[i] = new Message.FrameAction(frame, d[at + 4] & 0xFF);
        }
        // Already immutable, so the record's List.copyOf keeps it instead of copying again.
        return List.of(inputs);
    }

    private static Message.FocusState focusState(byte[] d, int off, int len) throws MalformedPacketException {
        requireLength(WireTypes.FOCUS_STATE, len, FOCUS_STATE_BYTES);
        int flag = d[off + 1] & 0xFF;
        if (flag > 1) {
            throw new MalformedPacketException(RejectReason.BAD_FLAG,
                    "FOCUS_STATE flag is " + flag + ", must be 0 (backgrounded) or 1 (focused)");
        }
        return new Message.FocusState(flag == 1, frame(d, off + 2, WireTypes.FOCUS_STATE, "frame"));
    }

    private static double timestamp(byte[] d, int off, int len, int type) throws MalformedPacketException {
        requireLength(type, len, TIMESTAMP_PACKET_BYTES);
        double t = Double.longBitsToDouble(i64(d, off + 1));
        if (!Double.isFinite(t)) {
            throw new MalformedPacketException(RejectReason.BAD_TIMESTAMP,
                    WireTypes.name(type) + " timestamp is " + t + ", must be a finite number of milliseconds");
        }
        return t;
    }

    /** 8 bytes: ASCII 0x01..0x7F, then only NUL padding, so that re-encoding gives the same bytes. */
    private static String hashText(byte[] d, int at) throws MalformedPacketException {
        int n = 0;
        while (n < WireCodec.EPISODE_READY_HASH_BYTES && d[at + n] != 0) {
            if (d[at + n] < 0) {
                throw badHash(d, at, "byte " + n + " is not ASCII");
            }
            n++;
        }
        for (int i = n + 1; i < WireCodec.EPISODE_READY_HASH_BYTES; i++) {
            if (d[at + i] != 0) {
                throw badHash(d, at, "NUL at byte " + n + " is followed by a non-NUL byte at " + i);
            }
        }
        return new String(d, at, n, StandardCharsets.ISO_8859_1); // all < 0x80: identical to ASCII, and cheapest
    }

    private static MalformedPacketException badHash(byte[] d, int at, String what) {
        StringBuilder hex = new StringBuilder(16);
        for (int i = 0; i < WireCodec.EPISODE_READY_HASH_BYTES; i++) {
            hex.append(String.format("%02x", d[at + i] & 0xFF));
        }
        return new MalformedPacketException(RejectReason.BAD_HASH_TEXT,
                "EPISODE_READY state hash " + hex + ": " + what);
    }

    private static int frame(byte[] d, int at, int type, String field) throws MalformedPacketException {
        int v = i32(d, at);
        if (v < 0) {
            throw frameOutOfRange(type, field, v);
        }
        return v;
    }

    private static int episode(byte[] d, int at, int type) throws MalformedPacketException {
        int v = i32(d, at);
        if (v < 0) {
            throw new MalformedPacketException(RejectReason.EPISODE_OUT_OF_RANGE, WireTypes.name(type)
                    + " episode " + Integer.toUnsignedString(v) + " is above " + Integer.MAX_VALUE);
        }
        return v;
    }

    private static MalformedPacketException frameOutOfRange(int type, String field, int v) {
        return new MalformedPacketException(RejectReason.FRAME_OUT_OF_RANGE, WireTypes.name(type) + " " + field
                + " " + Integer.toUnsignedString(v) + " is above " + Integer.MAX_VALUE);
    }

    private static void requireLength(int type, int len, int expected) throws MalformedPacketException {
        if (len != expected) {
            throw new MalformedPacketException(len < expected ? RejectReason.TRUNCATED : RejectReason.TRAILING_BYTES,
                    WireTypes.name(type) + " must be " + expected + " bytes, got " + len);
        }
    }

    private static void requireCountedLength(int type, int len, int header, int count) throws MalformedPacketException {
        int expected = header + FRAME_ACTION_BYTES * count;
        if (len != expected) {
            throw new MalformedPacketException(len < expected ? RejectReason.TRUNCATED : RejectReason.TRAILING_BYTES,
                    WireTypes.name(type) + " with " + count + " inputs must be " + header + " + 5 x " + count + " = "
                            + expected + " bytes, got " + len);
        }
    }

    private static MalformedPacketException truncated(String message) {
        return new MalformedPacketException(RejectReason.TRUNCATED, message);
    }

    private static int u16(byte[] d, int at) {
        return ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
    }

    private static int i32(byte[] d, int at) {
        return (d[at] << 24) | ((d[at + 1] & 0xFF) << 16) | ((d[at + 2] & 0xFF) << 8) | (d[at + 3] & 0xFF);
    }

    private static long i64(byte[] d, int at) {
        return ((long) i32(d, at) << 32) | (i32(d, at + 4) & 0xFFFFFFFFL);
    }
}
