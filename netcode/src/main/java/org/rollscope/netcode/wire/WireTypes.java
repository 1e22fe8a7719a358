package org.rollscope.netcode.wire;

/** The type bytes of wire.md §1. Types 0x08–0x0F and above 0x14 are unknown. */
public final class WireTypes {
    public static final int INPUT = 0x01;
    public static final int PING = 0x02;
    public static final int PONG = 0x03;
    public static final int KEEPALIVE = 0x04;
    public static final int EPISODE_END = 0x05;
    public static final int EPISODE_READY = 0x06;
    public static final int STATE_HASH = 0x07;
    public static final int VALIDATION_PING = 0x10;
    public static final int VALIDATION_PONG = 0x11;
    public static final int INPUT_REQUEST = 0x12;
    public static final int INPUT_RESPONSE = 0x13;
    public static final int FOCUS_STATE = 0x14;

    private WireTypes() {}
}
