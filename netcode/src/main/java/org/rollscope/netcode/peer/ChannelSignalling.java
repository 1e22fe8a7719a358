package org.rollscope.netcode.peer;

/**
 * How the two ends of the peer-to-peer channel find each other through the server's {@code webrtc_signal}: UDP
 * endpoints ({@link P2pSignalling}) or WebRTC descriptions and candidates ({@link WebRtcSignalling}).
 *
 * <p>Threads: the peer loop only.
 */
interface ChannelSignalling {

    /** Sends whatever is due. */
    void onTick(long nowMs);

    /** Handles a signal from the other seat; malformed ones are ignored. */
    void onSignal(RelayInbound.Signal signal);
}
