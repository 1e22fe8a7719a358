package org.rollscope.netcode.relay.embed;

/**
 * A way around engine.io and socket.io-server for some WebSocket text frames: the owner of the server may handle a
 * frame it recognises itself (the relay's hottest packet, parsed once instead of by socket.io-server's org.json
 * decoder and then again by the relay). Consulted for every text frame after the {@link ConnectGate}, on the
 * connection's own thread, in frame order.
 */
@FunctionalInterface
public interface TextFrameShortcut {

    /** Takes no frame: everything goes to engine.io. */
    TextFrameShortcut NONE = (connectionId, frame) -> false;

    /**
     * @param connectionId the connection's {@link EmbeddedSocketIoServer#CONNECTION_HEADER}
     * @param frame the frame's text: one engine.io packet
     * @return {@code true} when the frame was handled and engine.io must not see it; {@code false} leaves it,
     *     untouched, to engine.io
     */
    boolean tryHandle(String connectionId, String frame);
}
