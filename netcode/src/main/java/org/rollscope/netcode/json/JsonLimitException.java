package org.rollscope.netcode.json;

/**
 * A client value {@link JsonReader} refused: over a {@link JsonLimits} limit, or not JSON at all (NaN, a type
 * Socket.IO should never deliver). The message names the limit and the path, never the value itself (it may be
 * huge). No stack trace: refusals are frequent under attack and expected.
 */
public final class JsonLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Which kind of limit: the relay maps {@link #TOO_LARGE} to {@code oversized}, the others to {@code malformed}. */
    public enum Kind { TOO_DEEP, TOO_LARGE, TOO_MANY, NOT_JSON }

    private final Kind kind;

    JsonLimitException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
