package org.rollscope.netcode.peer;

import java.net.InetSocketAddress;
import org.json.JSONObject;
import org.rollscope.netcode.transport.DatagramTransport;

/**
 * Exchanges the two peers' UDP endpoints through the relay's {@code webrtc_signal}: the lower player id initiates
 * (wire.md: numeric compare when both ids are numbers), sending an {@code offer} with its address until an
 * {@code answer} arrives; the other side connects to the offered address and answers with its own. Repeating the offer
 * makes the exchange survive a relay restart or a peer that joined late.
 *
 * <p>Threads: the peer loop only.
 */
final class P2pSignalling implements ChannelSignalling {
    static final String OFFER = "offer";
    static final String ANSWER = "answer";
    /** How often an unanswered offer is repeated. */
    static final long OFFER_RETRY_MS = 1_000;

    private final SignalSender relay;
    private final DatagramTransport transport;
    private final String localId;
    private final String remoteId;
    private final boolean initiator;
    private boolean remoteKnown;
    private long nextOfferMs;

    P2pSignalling(SignalSender relay, DatagramTransport transport, String localId, String remoteId) {
        this.relay = relay;
        this.transport = transport;
        this.localId = localId;
        this.remoteId = remoteId;
        this.initiator = initiates(localId, remoteId);
    }

    /** True when {@code a} initiates towards {@code b}: the lower id, numerically when both are numbers. */
    static boolean initiates(String a, String b) {
        try {
            return Long.parseLong(a) < Long.parseLong(b);
        } catch (NumberFormatException notBothNumbers) {
            return a.compareTo(b) < 0;
        }
    }

    /** Repeats the offer while unanswered. */
    @Override
    public void onTick(long nowMs) {
        if (initiator && !remoteKnown && nowMs >= nextOfferMs) {
            nextOfferMs = nowMs + OFFER_RETRY_MS;
            relay.sendSignal(remoteId, OFFER, endpointPayload());
        }
    }

    /** Handles a signal from the other seat; malformed ones are ignored (the offer is repeated anyway). */
    @Override
    public void onSignal(RelayInbound.Signal signal) {
        if (!remoteId.equals(signal.fromPlayerId()) || signal.payload() == null) {
            return;
        }
        String host = signal.payload().optString("host", null);
        int port = signal.payload().optInt("port", -1);
        if (host == null || port <= 0 || port > 65_535) {
            return;
        }
        transport.connect(new InetSocketAddress(host, port));
        remoteKnown = true;
        if (OFFER.equals(signal.type())) {
            relay.sendSignal(remoteId, ANSWER, endpointPayload());
        }
    }

    boolean remoteKnown() {
        return remoteKnown;
    }

    private JSONObject endpointPayload() {
        InetSocketAddress local = transport.localAddress();
        return new JSONObject().put("transport", "udp").put("host", local.getHostString()).put("port", local.getPort())
                .put("player_id", localId);
    }
}
