package org.rollscope.netcode.mug;

/** Names in MUG's admin Socket.IO namespace (shared/spec/mug-admin.md). */
public final class MugProtocol {
    /** The admin namespace. */
    public static final String NAMESPACE = "/admin";
    /** Server → admin, on connect (possibly before the client's connect event). */
    public static final String ADMIN_CONNECTED = "admin_connected";
    /** Admin → server, no arguments: answered with a {@link #STATE_UPDATE} at once. */
    public static final String REQUEST_STATE = "request_state";
    /** Server → admin, about once a second and on request: the whole dashboard state. */
    public static final String STATE_UPDATE = "state_update";
    /** Server → admin, as it happens: one participant browser console line. */
    public static final String CONSOLE_LOG = "console_log";
    /** Server → admin, as it happens: one activity entry (the shape of an {@code activity_log} entry). */
    public static final String ACTIVITY_EVENT = "activity_event";
    /** The refusal python-socketio sends when a connect handler rejects a client. */
    public static final String REJECTED = "Connection rejected by server";

    private MugProtocol() {
    }
}
