package org.rollscope.netcode.peer;

import org.rollscope.netcode.health.RttWindow;

/**
 * Round trips through the relay, measured from its acknowledgements (telemetry.md {@code relay_rtt_ms}), and the
 * newest send time the relay has acknowledged: the fallback policy's proof that the relay path works.
 *
 * <p>Threads: {@link #onAck} runs on the Socket.IO thread, the getters on the peer loop; all synchronised (cheap at
 * tens of calls a second).
 */
final class RelayHealth {
    private final RttWindow rtt = new RttWindow();
    private long newestAckedSendMs = Long.MIN_VALUE;

    /** The relay acknowledged something sent at {@code sentAtMs} (peer-loop clock) after {@code rttMs}. */
    synchronized void onAck(long sentAtMs, double rttMs) {
        rtt.add(rttMs, sentAtMs);
        newestAckedSendMs = Math.max(newestAckedSendMs, sentAtMs);
    }

    /** Mean of the last round trips in ms, or null before the first. */
    synchronized Double rttMs() {
        return rtt.meanMs();
    }

    /** The send time (peer-loop clock) of the newest acknowledged message, or {@link Long#MIN_VALUE}. */
    synchronized long newestAckedSendMs() {
        return newestAckedSendMs;
    }
}
