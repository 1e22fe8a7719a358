package org.rollscope.netcode.wire;

import java.util.Objects;

/**
 * Turns {@link Message}s into the exact bytes of wire.md §1 (big-endian, byte-compatible with MUG's browser peers)
 * and back, validating strictly in both directions.
 *
 * <p><b>Threads:</b> stateless; every method may be called from any thread at once. Nothing blocks. Decoding
 * allocates only the returned message (and, for INPUT/INPUT_RESPONSE, its list of inputs); encoding allocates only
 * the returned array, or nothing with {@link #encode(Message, byte[], int)}.
 *
 * <p><b>Decoding</b> accepts exactly the canonical encodings: for every type but KEEPALIVE, a packet that decodes
 * re-encodes to the same bytes. A packet is rejected with a checked {@link MalformedPacketException} carrying a
 * {@link RejectReason} when it is
 * <ul>
 *   <li>empty ({@code EMPTY}), a JSON text frame ({@code TEXT_FRAME}, ignorable, see {@link #isTextFrame}) or of an
 *       unknown type ({@code UNKNOWN_TYPE});</li>
 *   <li>shorter or longer than its type's size, or than its count implies ({@code TRUNCATED}, {@code TRAILING_BYTES});
 *       INPUT must be exactly 9 + 5n bytes with n in 1..15 ({@code BAD_COUNT}), INPUT_RESPONSE exactly 5 + 5n;
 *       KEEPALIVE is any length ≥ 1 (wire.md: "≥ 1", browsers never look past the type);</li>
 *   <li>INPUT with a non-zero reserved byte ({@code RESERVED_NOT_ZERO}): wire.md fixes it to 0 and MUG's encoder
 *       always writes 0, so anything else is corruption or a protocol revision whose meaning we would be guessing;
 *       taking its inputs at face value could corrupt the session, counting it makes the mismatch visible;</li>
 *   <li>carrying a u32 frame or episode above {@link Integer#MAX_VALUE} ({@code FRAME_OUT_OF_RANGE},
 *       {@code EPISODE_OUT_OF_RANGE}), a NaN/infinite timestamp ({@code BAD_TIMESTAMP}), an EPISODE_READY hash
 *       that is not ASCII followed only by NUL padding ({@code BAD_HASH_TEXT}), or a FOCUS_STATE flag other than
 *       0/1 ({@code BAD_FLAG}).</li>
 * </ul>
 * Ordering and meaning are the engine's business, not the codec's: inputs whose frames are not consecutive, or an
 * INPUT_REQUEST whose start is after its end, decode fine.
 *
 * <p><b>Encoding</b> refuses, with an {@link IllegalArgumentException} naming the bad value, any message the wire
 * cannot carry: player index outside 0..65535, negative frame or episode, action outside 0..255, INPUT with other
 * than 1..15 inputs, INPUT_RESPONSE with more than 65,535, non-finite timestamp, EPISODE_READY hash longer than 8
 * characters or not ASCII 0x01..0x7F.
 */
public final class WireCodec {

    /** Most inputs one INPUT packet can carry (its count must be 1..15; browsers send the last 10). */
    public static final int MAX_INPUTS_PER_PACKET = 15;
    /** Most inputs one INPUT_RESPONSE can carry (u16 count). */
    public static final int MAX_INPUTS_PER_RESPONSE = 0xFFFF;
    /** Highest player index the u16 field can carry. */
    public static final int MAX_PLAYER_INDEX = 0xFFFF;
    /** Characters in an EPISODE_READY state hash on the wire (shorter hashes are NUL-padded). */
    public static final int EPISODE_READY_HASH_BYTES = 8;

    static final int INPUT_HEADER_BYTES = 9;
    static final int INPUT_RESPONSE_HEADER_BYTES = 5;
    static final int FRAME_ACTION_BYTES = 5;
    static final int TIMESTAMP_PACKET_BYTES = 9;
    static final int TWO_U32_PACKET_BYTES = 9;
    static final int HASH_PACKET_BYTES = 13;
    static final int FOCUS_STATE_BYTES = 6;

    private WireCodec() {}

    /**
     * Encodes a message into a new array of exactly its wire size.
     *
     * @throws IllegalArgumentException if a field cannot be carried by the wire (the message names it)
     * @throws NullPointerException if {@code message} or one of its inputs is null
     */
    public static byte[] encode(Message message) {
        byte[] out = new byte[encodedLength(message)];
        WireEncoder.write(message, out, 0);
        return out;
    }

    /**
     * Encodes a message into {@code out} at {@code offset}, allocating nothing (for send loops that reuse a buffer).
     *
     * @return the number of bytes written, {@link #encodedLength(Message)}
     * @throws IllegalArgumentException if a field cannot be carried by the wire; nothing is written then
     * @throws IndexOutOfBoundsException if the message does not fit in {@code out} from {@code offset}
     */
    public static int encode(Message message, byte[] out, int offset) {
        int length = encodedLength(message);
        Objects.checkFromIndexSize(offset, length, out.length);
        WireEncoder.write(message, out, offset);
        return length;
    }

    /** The number of bytes {@code message} takes on the wire (validation happens when encoding, not here). */
    public static int encodedLength(Message message) {
        return WireEncoder.length(message);
    }

    /**
     * Decodes one whole packet.
     *
     * @return the message; never null
     * @throws MalformedPacketException if the packet is not exactly one valid message of wire.md §1; its
     *         {@link MalformedPacketException#reason()} says why ({@link RejectReason#TEXT_FRAME} for the JSON text
     *         frames the protocol tolerates: drop those without treating them as errors)
     */
    public static Message decode(byte[] data) throws MalformedPacketException {
        return WireDecoder.decode(data, 0, data.length);
    }

    /**
     * Decodes the packet held in {@code data[offset .. offset + length)} (for receive buffers that hold more).
     *
     * @throws MalformedPacketException as {@link #decode(byte[])}
     * @throws IndexOutOfBoundsException if the range lies outside {@code data} (a caller bug, not wire garbage)
     */
    public static Message decode(byte[] data, int offset, int length) throws MalformedPacketException {
        Objects.checkFromIndexSize(offset, length, data.length);
        return WireDecoder.decode(data, offset, length);
    }

    /** {@link #isTextFrame(byte[], int, int)} over the whole array. */
    public static boolean isTextFrame(byte[] data) {
        return isTextFrame(data, 0, data.length);
    }

    /**
     * True when the bytes look like a UTF-8 JSON text frame (MUG sends {@code {"type":"test",...}} after connecting):
     * after optional leading whitespace it starts with '{' and ends with '}' (or '[' and ']'), trailing whitespace
     * allowed. No binary message can look like that: '{' (0x7B) and '[' (0x5B) are not type bytes. Such frames are to
     * be ignored, not counted as malformed; {@link #decode} reports them as {@link RejectReason#TEXT_FRAME}.
     */
    public static boolean isTextFrame(byte[] data, int offset, int length) {
        int start = offset;
        int end = offset + length - 1;
        while (start <= end && isJsonWhitespace(data[start])) {
            start++;
        }
        while (end > start && isJsonWhitespace(data[end])) {
            end--;
        }
        if (end <= start) {
            return false;
        }
        byte first = data[start];
        byte last = data[end];
        return (first == '{' && last == '}') || (first == '[' && last == ']');
    }

    private static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
