package org.rollscope.netcode.peer;

import org.rollscope.netcode.health.RttWindow;

/**
 * Round trips through the relay, timed at the WebSocket frames of acknowledged events (telemetry.md
 * {@code relay_rtt_ms}, see {@link org.rollscope.netcode.transport.AckRoundTrips}), and the newest send time the relay
 * has acknowledged: the fallback policy's proof that the relay path works.
 *
 * <p>Threads: {@link #onRoundTrip} runs on OkHttp's reading thread, {@link #onAck} on the Socket.IO thread, the
 * getters on the peer loop; all synchronised (cheap at tens of calls a second).
 */
final class RelayHealth {
    private final RttWindow rtt = new RttWindow();
    private long newestAckedSendMs = Long.MIN_VALUE;

    /** One round trip to the relay, in ms. */
    synchronized void onRoundTrip(double rttMs) {
        rtt.add(rttMs, 0);
    }

    /** The relay acknowledged something sent at {@code sentAtMs} (peer-loop clock). */
    synchronized void onAck(long sentAtMs) {
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
