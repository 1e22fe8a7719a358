package org.rollscope.netcode.relay;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.observer.TelemetryBatch;

/** Records everything an ObserverClient delivers, for assertions from the test thread. */
final class RecordingListener implements ObserverListener {
    final List<SessionsSnapshot> snapshots = new CopyOnWriteArrayList<>();
    final List<PeerSample> samples = new CopyOnWriteArrayList<>();
    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    @Override
    public void onSnapshot(SessionsSnapshot snapshot) {
        snapshots.add(snapshot);
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
        states.add(state);
    }

    boolean hasEvent(String gameId, String kind) {
        return events.stream().anyMatch(e -> e.gameId().equals(gameId) && e.kind().equals(kind));
    }

    @Override
    public String toString() {
        return "snapshots=" + snapshots.size() + " samples=" + samples.size() + " events="
                + events.stream().map(e -> e.gameId() + ":" + e.kind()).toList() + " states=" + states;
    }
}
