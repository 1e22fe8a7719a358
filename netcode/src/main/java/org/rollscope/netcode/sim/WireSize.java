package org.rollscope.netcode.sim;

import org.rollscope.netcode.wire.Message;

/** Size in bytes of a message on the peer-to-peer channel (wire.md §1), for the bandwidth model. */
public final class WireSize {
    private WireSize() {}

    public static int of(Message m) {
        if (m instanceof Message.Input in) {
            return 9 + 5 * in.inputs().size();
        }
        if (m instanceof Message.InputResponse r) {
            return 5 + 5 * r.inputs().size();
        }
        if (m instanceof Message.EpisodeReady || m instanceof Message.StateHash) {
            return 13;
        }
        if (m instanceof Message.Keepalive) {
            return 1;
        }
        if (m instanceof Message.FocusState) {
            return 6;
        }
        return 9;
    }
}
