package org.rollscope.ui.source;

import java.util.Objects;

/**
 * The state of a source's connection, with a plain detail for the user (the reason of a refusal, the address that
 * could not be reached, the file being replayed).
 */
public record ConnectionState(Kind kind, String detail) {

    public enum Kind {
        /** Not connected and not trying (before connect, or no source chosen). */
        IDLE,
        CONNECTING,
        CONNECTED,
        /** Lost the connection, trying again with back-off; data shown is stale until CONNECTED. */
        RECONNECTING,
        /** The server answered and said no (wrong token, bad password); retrying will not help. */
        REFUSED,
        /** Nothing answered at the address; the source may keep retrying. */
        UNREACHABLE,
        /** Closed on purpose. */
        CLOSED
    }

    public ConnectionState {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }

    public static ConnectionState of(Kind kind) {
        return new ConnectionState(kind, "");
    }

    public static ConnectionState refused(String reason) {
        return new ConnectionState(Kind.REFUSED, reason);
    }

    public static ConnectionState unreachable(String detail) {
        return new ConnectionState(Kind.UNREACHABLE, detail);
    }

    /** True when commands can be sent. */
    public boolean isConnected() {
        return kind == Kind.CONNECTED;
    }
}
