package org.rollscope.netcode;

/** Frame-number conventions shared by every part of the netcode. */
public final class Frames {
    /** "No frame yet": the confirmed frame before the first is confirmed, as in telemetry.md (−1). */
    public static final int NULL_FRAME = -1;

    private Frames() {}
}
