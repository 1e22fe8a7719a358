package org.rollscope.netcode.protocol;

import org.rollscope.netcode.transport.ChannelState;

/** Something the peer loop must react to, queued by {@link PeerEndpoint} and drained once per tick. */
public sealed interface EndpointEvent {

    /** The channel's state changed (validated, failed, resumed, closed). */
    record StateChanged(ChannelState from, ChannelState to) implements EndpointEvent {}

    /** A PONG answered our PING sent at {@code sentAtMs}: proof that the channel works as of that time. */
    record RoundTrip(double sentAtMs, double rttMs) implements EndpointEvent {}
}
