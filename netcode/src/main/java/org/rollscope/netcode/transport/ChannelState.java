package org.rollscope.netcode.transport;

/** State of the peer-to-peer channel as the transport sees it. */
public enum ChannelState {
    /** Not (yet) validated by the VALIDATION_PING/PONG handshake. */
    NOT_CONNECTED,
    /** Validated and open. */
    UP,
    /** Closed by either side or by an operator test. */
    CLOSED,
    /** Stopped answering (no PONG or packet for longer than the failure timeout) or a socket error. */
    FAILED;

    /** The fallback reason that this state implies when the channel is not usable. */
    TransportReason asReason() {
        return switch (this) {
            case NOT_CONNECTED -> TransportReason.NOT_CONNECTED;
            case CLOSED -> TransportReason.CLOSED;
            case FAILED -> TransportReason.FAILED;
            case UP -> TransportReason.OK;
        };
    }
}
