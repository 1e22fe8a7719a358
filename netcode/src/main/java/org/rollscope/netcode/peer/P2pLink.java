package org.rollscope.netcode.peer;

import java.util.List;
import org.rollscope.netcode.transport.ChannelKind;
import org.rollscope.netcode.transport.DatagramAuth;
import org.rollscope.netcode.transport.IcePath;
import org.rollscope.netcode.transport.IceServer;
import org.rollscope.netcode.transport.ImpairedTransport;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.transport.UdpTransport;
import org.rollscope.netcode.transport.WebRtcTransport;

/**
 * The peer-to-peer channel of one seat, opened once both seats are known (WebRTC's roles depend on the two ids):
 * the packet layer seen through the configured link impairment, and the signalling that connects it.
 *
 * @param channel what the protocol sends and receives through (impaired as configured)
 * @param signalling how the two ends find each other through {@code webrtc_signal}
 * @param webrtc the WebRTC transport when the channel is one (its ICE path goes into the telemetry), else null
 * @param udp the UDP transport when the channel is one (its address, for tests and logs), else null
 */
record P2pLink(ImpairedTransport channel, ChannelSignalling signalling, WebRtcTransport webrtc, UdpTransport udp) {

    /**
     * Opens the channel towards {@code remoteId}.
     *
     * @param bindHost interface for a UDP socket (WebRTC gathers candidates on every non-loopback interface)
     * @param repeatOffer WebRTC only: repeat an unanswered offer (right between Rollscope peers, not towards a page)
     * @param udpAuth UDP only: the session key's authenticator, or null for unauthenticated datagrams (a server that
     *     gave no key); WebRTC's DataChannel is authenticated by DTLS already and carries MUG's bytes as they are
     */
    static P2pLink open(ChannelKind kind, List<IceServer> iceServers, String bindHost, LinkProfile link,
                        SignalSender sender, String localId, String remoteId, boolean repeatOffer,
                        DatagramAuth udpAuth) {
        if (kind == ChannelKind.WEBRTC) {
            WebRtcTransport rtc = WebRtcTransport.start(iceServers, P2pSignalling.initiates(localId, remoteId),
                    repeatOffer);
            return new P2pLink(new ImpairedTransport(rtc, link, System.nanoTime()),
                    new WebRtcSignalling(sender, rtc, remoteId), rtc, null);
        }
        UdpTransport udp = UdpTransport.bind(bindHost, udpAuth);
        return new P2pLink(new ImpairedTransport(udp, link, System.nanoTime()),
                new P2pSignalling(sender, udp, localId, remoteId), null, udp);
    }

    /** The ICE path of a WebRTC channel once chosen; null for UDP or before ICE chose a pair. */
    IcePath icePath() {
        return webrtc == null ? null : webrtc.icePath();
    }
}
