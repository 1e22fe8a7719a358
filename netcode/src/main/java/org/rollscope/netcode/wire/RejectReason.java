package org.rollscope.netcode.wire;

/**
 * Why {@link WireCodec#decode(byte[], int, int)} refused a packet. One value per kind of damage, so that the receive
 * loop can count them separately ({@link RejectCounters}) and a spike in one of them points at its cause.
 *
 * <p>All values but {@link #TEXT_FRAME} mean the packet was malformed and dropped. {@link #TEXT_FRAME} is the UTF-8
 * JSON text that MUG's browsers send on the same channel (for example {@code {"type":"test",...}} once after
 * connecting): wire.md §1 says to tolerate and ignore it, so it is counted apart and is not an error.
 */
public enum RejectReason {
    /** A zero-length packet: not even a type byte. */
    EMPTY,
    /** A UTF-8 JSON text frame ({@code {...}} or {@code [...]}): ignored, not an error (see {@link #isMalformed()}). */
    TEXT_FRAME,
    /** Byte 0 is not a type of wire.md §1 (0x00, 0x08–0x0F, above 0x14). */
    UNKNOWN_TYPE,
    /** Shorter than its type's size, or than its own count says. */
    TRUNCATED,
    /** Longer than its type's size, or than its own count says (KEEPALIVE excepted: it may carry anything). */
    TRAILING_BYTES,
    /** INPUT with an input count outside 1..15. */
    BAD_COUNT,
    /** INPUT whose reserved byte (byte 8) is not 0: corruption or a protocol revision we do not understand. */
    RESERVED_NOT_ZERO,
    /** A u32 frame number above {@link Integer#MAX_VALUE} (Rollscope keeps frames in an {@code int}). */
    FRAME_OUT_OF_RANGE,
    /** A u32 episode number above {@link Integer#MAX_VALUE}. */
    EPISODE_OUT_OF_RANGE,
    /** A PING/PONG/VALIDATION_* timestamp that is NaN or infinite (browsers send {@code performance.now()}). */
    BAD_TIMESTAMP,
    /** EPISODE_READY whose hash is not ASCII followed only by NUL padding. */
    BAD_HASH_TEXT,
    /** FOCUS_STATE whose flag byte is neither 0 nor 1. */
    BAD_FLAG;

    /**
     * True when a packet rejected for this reason was damaged or foreign; false for {@link #TEXT_FRAME}, which the
     * protocol expects and ignores.
     */
    public boolean isMalformed() {
        return this != TEXT_FRAME;
    }
}
