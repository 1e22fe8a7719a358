package org.rollscope.netcode.mug;

/**
 * Why observing a MUG server failed. The message is short and meant for the user; it never contains the password
 * or the session cookie.
 */
public final class MugConnectException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The distinct ways a MUG connection fails. */
    public enum Reason {
        /** The login page answered "Invalid password". Terminal: retrying with the same password cannot help. */
        WRONG_PASSWORD,
        /** Something answered, but not MUG's admin login (404, not HTML, no session cookie...). Terminal. */
        NOT_MUG,
        /** The {@code /admin} namespace refused the connection even right after a successful login. Terminal. */
        REFUSED,
        /** Nothing answered (connection refused, DNS, timeout). The source keeps retrying in the background. */
        UNREACHABLE
    }

    private final Reason reason;

    public MugConnectException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether retrying later may succeed (only {@link Reason#UNREACHABLE}). */
    public boolean retryable() {
        return reason == Reason.UNREACHABLE;
    }
}
