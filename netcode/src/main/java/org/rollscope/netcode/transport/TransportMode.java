package org.rollscope.netcode.transport;

/** Which path inputs take (telemetry.md {@code transport}). */
public enum TransportMode {
    /** Peer-to-peer channel only. */
    P2P("p2p"),
    /** Session server's Socket.IO relay only. */
    RELAY("relay"),
    /** Both at once: while P2P is congested, or while a switch waits for the new path to prove itself. */
    BOTH("p2p+relay");

    private final String wireName;

    TransportMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in telemetry, events and exports. */
    public String wireName() {
        return wireName;
    }

    public boolean usesP2p() {
        return this != RELAY;
    }

    public boolean usesRelay() {
        return this != P2P;
    }
}
