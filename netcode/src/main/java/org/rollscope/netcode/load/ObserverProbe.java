package org.rollscope.netcode.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one observer saw of the run: every sample of our peers it received, the delivery latency of each (peer send
 * → this listener, same process, same clock), gaps in each peer's {@code seq}, and the relay's own {@code dropped}
 * count. Samples of sessions that are not ours (a shared relay) are counted apart and otherwise ignored.
 *
 * <p>Threads: {@link #onTelemetry} runs on the HTTP client's executor, one batch at a time for this observer (its
 * connection's frames are handed on one after another); the accessors may be read from any thread (counters are
 * atomic; the per-peer last seq is only touched by that one batch at a time).
 */
final class ObserverProbe {
    private final PeerFleet fleet;
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final LatencyRecorder warmupLatencies = new LatencyRecorder();
    private volatile long measureFromNanos = Long.MAX_VALUE;
    private final java.util.Map<SimulatedPeer, long[]> lastSeq = new java.util.IdentityHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong relayDropped = new AtomicLong();
    private final AtomicLong seqGaps = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();

    ObserverProbe(PeerFleet fleet) {
        this.fleet = fleet;
    }

    /** One {@code peer_telemetry} batch {@code {samples: [...], dropped}} as the relay sent it (JSON text). */
    void onTelemetry(String batch) {
        long now = System.nanoTime(); // one receive time for the batch: that is when the observer can show it
        long dropped = BatchScanner.scan(batch, (gameId, playerId, seq) -> onSample(now, gameId, playerId, seq));
        relayDropped.addAndGet(dropped);
    }

    private void onSample(long now, String gameId, String playerId, long seq) {
        SimulatedPeer peer = gameId == null || playerId == null ? null : fleet.peer(gameId, playerId);
        if (peer == null) {
            foreign.incrementAndGet();
            return;
        }
        long sent = peer.sendNanos(seq);
        if (sent < 0) {
            foreign.incrementAndGet(); // a seq we never sent: someone else on our seat
            return;
        }
        delivered.incrementAndGet();
        (sent >= measureFromNanos ? latencies : warmupLatencies).record((now - sent) / 1000);
        long[] last = lastSeq.computeIfAbsent(peer, p -> new long[] {-1});
        if (seq > last[0] + 1) {
            seqGaps.addAndGet(seq - last[0] - 1);
        } else if (seq <= last[0]) {
            outOfOrder.incrementAndGet();
        }
        last[0] = Math.max(last[0], seq);
    }

    /** From now on, samples sent at or after {@code nanos} ({@link System#nanoTime()}) count as measured. */
    void measureFrom(long nanos) {
        measureFromNanos = nanos;
    }

    /** Latencies of samples sent after the warm-up. */
    LatencyRecorder latencies() {
        return latencies;
    }

    /** Latencies of samples sent during the warm-up. */
    LatencyRecorder warmupLatencies() {
        return warmupLatencies;
    }

    /** Samples of our peers received. */
    long delivered() {
        return delivered.get();
    }

    /** Sum of the relay's {@code dropped} counts for this observer (its queue overflowed). */
    long relayDropped() {
        return relayDropped.get();
    }

    /** Samples missing between two received ones of the same peer. */
    long seqGaps() {
        return seqGaps.get();
    }

    /** Samples that arrived after a later one of the same peer (or twice). */
    long outOfOrder() {
        return outOfOrder.get();
    }

    /** Samples of sessions that are not this run's. */
    long foreign() {
        return foreign.get();
    }
}
