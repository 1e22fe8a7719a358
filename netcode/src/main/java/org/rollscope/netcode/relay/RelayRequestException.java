package org.rollscope.netcode.relay;

/**
 * A request the relay refuses, with its reason. Thrown by payload checks inside a handler and turned into an error
 * reply and a counter at that handler's boundary ({@link EventBoundary}); it never escapes to Socket.IO.
 */
final class RelayRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final RejectReason reason;

    RelayRequestException(RejectReason reason, String message) {
        super(message, null, false, false); // expected, frequent under attack: no stack trace
        this.reason = reason;
    }

    RejectReason reason() {
        return reason;
    }
}
