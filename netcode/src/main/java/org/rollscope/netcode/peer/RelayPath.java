package org.rollscope.netcode.peer;

/**
 * What {@link InputRouter} needs of the relay connection: the relay path of inputs and of wire packets.
 * {@link PeerRelayClient} is the real one; the router's tests put a path they can make refuse or lose in its place.
 */
interface RelayPath {
    /**
     * One input by the relay; {@code onAcked} runs once the relay acknowledges it (the round trip is timed apart, at
     * the frames: {@link PeerRelayClient#onRoundTrip}).
     *
     * @return false when nothing was sent (not joined)
     */
    boolean sendAction(int frame, int action, int syncEpoch, Runnable onAcked);

    /**
     * A wire packet for the other seat, by the relay.
     *
     * @return false when nothing was sent
     */
    boolean sendP2pPacket(byte[] packet);
}
