package org.rollscope.netcode.transport;

import java.net.InetSocketAddress;

/**
 * A {@link PeerChannel} over datagrams to one remote address: the two peers tell each other their
 * {@link #localAddress()} through signalling and {@link #connect} to it.
 */
public interface DatagramTransport extends PeerChannel {

    /** Where this transport receives; the address to tell the other peer through signalling. */
    InetSocketAddress localAddress();

    /** Sets where datagrams go; packets from any other source are dropped and counted. */
    void connect(InetSocketAddress remote);

    @Override
    default String name() {
        return String.valueOf(localAddress().getPort());
    }
}
