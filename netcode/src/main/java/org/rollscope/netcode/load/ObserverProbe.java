package org.rollscope.netcode.load;

import java.util.concurrent.atomic.AtomicLong;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.TelemetryBatch;

/**
 * What one observer saw of the run: every sample of our peers it received, the delivery latency of each (peer send
 * → this listener, same process, same clock), gaps in each peer's {@code seq}, and the relay's own {@code dropped}
 * count. Samples of sessions that are not ours (a shared relay) are counted apart and otherwise ignored.
 *
 * <p>Threads: the listener methods run on the Socket.IO client's event thread; the accessors may be read from any
 * thread (counters are atomic; the per-peer last seq is only touched by the event thread).
 */
final class ObserverProbe implements ObserverListener {
    private final PeerFleet fleet;
    private final LatencyRecorder latencies = new LatencyRecorder();
    private final java.util.Map<SimulatedPeer, long[]> lastSeq = new java.util.IdentityHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong relayDropped = new AtomicLong();
    private final AtomicLong seqGaps = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();

    ObserverProbe(PeerFleet fleet) {
        this.fleet = fleet;
    }

    @Override
    public void onTelemetry(TelemetryBatch batch) {
        long now = System.nanoTime(); // one receive time for the batch: that is when the observer can show it
        relayDropped.addAndGet(batch.dropped());
        for (PeerSample sample : batch.samples()) {
            SimulatedPeer peer = fleet.peer(sample.gameId(), sample.playerId());
            if (peer == null) {
                foreign.incrementAndGet();
                continue;
            }
            long sent = peer.sendNanos(sample.seq());
            if (sent < 0) {
                foreign.incrementAndGet(); // a seq we never sent: someone else on our seat
                continue;
            }
            delivered.incrementAndGet();
            latencies.record((now - sent) / 1000);
            long[] last = lastSeq.computeIfAbsent(peer, p -> new long[] {-1});
            if (sample.seq() > last[0] + 1) {
                seqGaps.addAndGet(sample.seq() - last[0] - 1);
            } else if (sample.seq() <= last[0]) {
                outOfOrder.incrementAndGet();
            }
            last[0] = Math.max(last[0], sample.seq());
        }
    }

    LatencyRecorder latencies() {
        return latencies;
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
