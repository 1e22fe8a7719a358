package org.rollscope.netcode.transport;

/**
 * What ICE chose for the WebRTC channel, from the selected candidate pair's statistics.
 *
 * @param localType the local candidate's type: {@code host}, {@code srflx}, {@code prflx} or {@code relay}
 * @param remoteType the remote candidate's type, same values
 * @param rttMs the pair's current STUN round trip in ms, or null before the first consent check answered
 */
public record IcePath(String localType, String remoteType, Double rttMs) {

    /**
     * The path in one word, the worst hop first: {@code relay} when either side goes through TURN, {@code srflx}
     * when either side was found through STUN (or by the peer's checks, {@code prflx}), else {@code host}.
     */
    public String path() {
        if ("relay".equals(localType) || "relay".equals(remoteType)) {
            return "relay";
        }
        if (isReflexive(localType) || isReflexive(remoteType)) {
            return "srflx";
        }
        return "host";
    }

    /** MUG's {@code connection_type} of a working channel: {@code relay} through TURN, else {@code direct}. */
    public String mugConnectionType() {
        return "relay".equals(path()) ? "relay" : "direct";
    }

    private static boolean isReflexive(String type) {
        return "srflx".equals(type) || "prflx".equals(type);
    }
}
