package org.rollscope.e2e.probe;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.observer.TelemetryBatch;

/** A real observer of the relay (what the console uses) that keeps every sample and event, for e2e assertions. */
final class ProbeObserver implements ObserverListener, AutoCloseable {
    final List<PeerSample> samples = new CopyOnWriteArrayList<>();
    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    final ObserverClient client;

    ProbeObserver(String url, String token) throws Exception {
        client = new ObserverClient(url, token);
        client.addListener(this).connect().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void onSnapshot(SessionsSnapshot snapshot) {
    }

    @Override
    public void onTelemetry(TelemetryBatch batch) {
        samples.addAll(batch.samples());
    }

    @Override
    public void onSessionEvent(SessionEvent event) {
        events.add(event);
    }

    @Override
    public void onConnectionState(ConnectionState state, String detail) {
    }

    /** The newest sample of a seat, or null. */
    PeerSample latest(String playerId) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).playerId().equals(playerId)) {
                return samples.get(i);
            }
        }
        return null;
    }

    long count(String playerId, long fromMs, long toMs) {
        return samples.stream().filter(s -> s.playerId().equals(playerId) && s.tMs() >= fromMs && s.tMs() < toMs)
                .count();
    }

    /** Waits until the seat's newest sample matches; the failure names the last sample seen. */
    PeerSample await(String playerId, Predicate<PeerSample> condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            PeerSample s = latest(playerId);
            if (s != null && condition.test(s)) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not seen within " + timeout.toSeconds() + " s; player " + playerId
                        + "'s last sample: " + s);
            }
            Thread.sleep(50); // polling interval only
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
