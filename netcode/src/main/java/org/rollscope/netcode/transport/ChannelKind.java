package org.rollscope.netcode.transport;

import java.util.Locale;

/** What carries the peer-to-peer channel: plain UDP datagrams, or a WebRTC DataChannel (what MUG's browsers use). */
public enum ChannelKind {
    /** UDP between two addresses the peers tell each other; no NAT traversal. */
    UDP,
    /** One unordered, unretransmitted DataChannel {@code game}; ICE with the configured STUN/TURN servers. */
    WEBRTC;

    /** The command-line and JSON name: {@code udp} or {@code webrtc}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the choices */
    public static ChannelKind parse(String s) {
        for (ChannelKind k : values()) {
            if (k.wireName().equalsIgnoreCase(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + s + "' (udp, webrtc)");
    }
}
