package org.rollscope.ui.connect;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * A live Rollscope relay ({@code /observer}, telemetry.md §3) as a {@link SessionSource}: netcode's
 * {@link ObserverClient} does the connection, token, back-off reconnection and fresh snapshot after it; this class
 * only converts. Listener calls arrive on the Socket.IO event thread and go straight on (the console queues them).
 */
public final class RelaySource implements SessionSource {

    private final String url;
    private final ObserverClient client;
    private final AtomicBoolean connected = new AtomicBoolean();

    /** @param url the relay's URL as {@code rollscope relay} prints it; @param token the observer token */
    public RelaySource(String url, String token) {
        this.url = url;
        this.client = new ObserverClient(url, token);
    }

    @Override
    public String describe() {
        return "relay " + url;
    }

    @Override
    public SourceCapabilities capabilities() {
        return ObserverMapping.capabilities(client.capabilities());
    }

    @Override
    public void connect(SourceListener listener) {
        if (!connected.compareAndSet(false, true)) {
            throw new IllegalStateException("already connected");
        }
        client.addListener(new ObserverListener() {
            @Override
            public void onSnapshot(SessionsSnapshot snapshot) {
                listener.onSnapshot(snapshot.sessions().stream().map(ObserverMapping::session).toList());
            }

            @Override
            public void onTelemetry(TelemetryBatch batch) {
                batch.samples().forEach(listener::onSample);
            }

            @Override
            public void onSessionEvent(SessionEvent event) {
                listener.onEvent(ObserverMapping.event(event));
            }

            @Override
            public void onConnectionState(org.rollscope.netcode.observer.ConnectionState state, String detail) {
                listener.onConnectionState(ObserverMapping.state(state, detail));
            }
        });
        listener.onConnectionState(ObserverMapping.state(org.rollscope.netcode.observer.ConnectionState.CONNECTING,
                "connecting to " + url));
        // Failures to connect are reported through onConnectionState (refused, unreachable); nothing to do here.
        client.connect().exceptionally(e -> null);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public CompletableFuture<CommandResult> requestSnapshot() {
        return client.requestSnapshot().thenApply(ObserverMapping::result);
    }

    @Override
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return client.forceFallback(gameId, playerId).thenApply(ObserverMapping::result);
    }

    @Override
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return client.restoreP2p(gameId, playerId).thenApply(ObserverMapping::result);
    }

    @Override
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return client.setLink(gameId, playerId, link).thenApply(ObserverMapping::result);
    }
}
