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

    /**
     * The wire.md name of a type byte ({@code "INPUT"}, {@code "STATE_HASH"}, ...), or {@code "UNKNOWN(0x0a)"} for a
     * byte that is not one. Used in rejection messages and by {@code ./rollscope inspect}.
     */
    public static String name(int type) {
        switch (type) {
            case INPUT: return "INPUT";
            case PING: return "PING";
            case PONG: return "PONG";
            case KEEPALIVE: return "KEEPALIVE";
            case EPISODE_END: return "EPISODE_END";
            case EPISODE_READY: return "EPISODE_READY";
            case STATE_HASH: return "STATE_HASH";
            case VALIDATION_PING: return "VALIDATION_PING";
            case VALIDATION_PONG: return "VALIDATION_PONG";
            case INPUT_REQUEST: return "INPUT_REQUEST";
            case INPUT_RESPONSE: return "INPUT_RESPONSE";
            case FOCUS_STATE: return "FOCUS_STATE";
            default: return String.format("UNKNOWN(0x%02x)", type & 0xFF);
        }
    }

    /** True for the twelve type bytes of wire.md §1. */
    public static boolean isKnown(int type) {
        return (type >= INPUT && type <= STATE_HASH) || (type >= VALIDATION_PING && type <= FOCUS_STATE);
    }

    private WireTypes() {}
}
