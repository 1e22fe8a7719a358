package org.rollscope.netcode.peer;

import org.rollscope.netcode.transport.WebRtcTransport;

/**
 * Carries a {@link WebRtcTransport}'s offer, answer and ICE candidates to the other seat and back, in MUG's
 * {@code webrtc_signal} shapes, so that the other seat may be a Rollscope peer or a MUG browser page.
 *
 * <p>Threads: the peer loop only.
 */
final class WebRtcSignalling implements ChannelSignalling {
    private final SignalSender sender;
    private final WebRtcTransport transport;
    private final String remoteId;

    WebRtcSignalling(SignalSender sender, WebRtcTransport transport, String remoteId) {
        this.sender = sender;
        this.transport = transport;
        this.remoteId = remoteId;
    }

    @Override
    public void onTick(long nowMs) {
        transport.drainSignals(s -> sender.sendSignal(remoteId, s.type(), s.payload()));
    }

    @Override
    public void onSignal(RelayInbound.Signal signal) {
        if (remoteId.equals(signal.fromPlayerId())) {
            transport.onSignal(signal.type(), signal.payload());
        }
    }
}
