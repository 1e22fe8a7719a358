package org.rollscope.netcode.observer;

/**
 * Why {@link ObserverClient#connect()} failed: the relay refused the token, or it could not be reached. The message
 * is short and meant for the user ("wrong token", "cannot reach the relay at ...").
 */
public final class ObserverConnectException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The two ways a connect fails. */
    public enum Reason {
        /** The relay answered and refused: wrong or missing token. Retrying will not help. */
        REFUSED,
        /** Nothing answered at that URL (down, wrong port, not a Rollscope relay). The client keeps retrying. */
        UNREACHABLE
    }

    private final Reason reason;

    public ObserverConnectException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
