package org.rollscope.netcode.protocol;

import org.rollscope.netcode.wire.MalformedPacketException;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.WireCodec;
import org.rollscope.netcode.wire.WireTypes;

/**
 * Answers PING and VALIDATION_PING the moment they arrive, on the transport's receiving thread, so that the other
 * peer's round trip measures the link and not the wait for this peer's next frame tick (up to a frame each way).
 * Stateless: the answer depends on the datagram alone (it echoes the timestamp), so no state of the channel is
 * shared with the peer loop, which still sees every datagram for liveness through {@link PeerEndpoint}.
 */
public final class PingResponder {
    private PingResponder() {}

    /** The PONG (VALIDATION_PONG) for a PING (VALIDATION_PING), or null for any other datagram. Never throws. */
    public static byte[] replyTo(byte[] datagram) {
        if (datagram.length == 0) {
            return null;
        }
        int type = datagram[0] & 0xFF;
        if (type != WireTypes.PING && type != WireTypes.VALIDATION_PING) {
            return null;
        }
        try {
            Message m = WireCodec.decode(datagram);
            if (m instanceof Message.Ping p) {
                return WireCodec.encode(new Message.Pong(p.timestampMs()));
            }
            if (m instanceof Message.ValidationPing p) {
                return WireCodec.encode(new Message.ValidationPong(p.timestampMs()));
            }
            return null;
        } catch (MalformedPacketException e) {
            return null; // the peer loop decodes it again and counts the reject
        }
    }
}
