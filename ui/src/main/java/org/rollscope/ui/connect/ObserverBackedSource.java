package org.rollscope.ui.connect;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.mug.MugListener;
import org.rollscope.netcode.mug.MugPeerReport;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionObserver;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * A live server seen through netcode's {@link SessionObserver} (a relay's {@code ObserverClient} or a MUG server's
 * {@code MugSource}) as a {@link SessionSource}: netcode does the connection, authentication and reconnection; this
 * class only converts. Listener calls arrive on the Socket.IO event thread and go straight on (the console queues
 * them). Subclasses say how the server is described and how a MUG health report becomes a sample.
 */
abstract class ObserverBackedSource implements SessionSource {

    private final String description;
    private final SessionObserver observer;
    private final AtomicBoolean connected = new AtomicBoolean();

    ObserverBackedSource(String description, SessionObserver observer) {
        this.description = description;
        this.observer = observer;
    }

    /** What the connection state says while the first connection is being made. */
    abstract String connectingText();

    /** A MUG health report as a sample; only a MUG server sends them. */
    PeerSample sample(MugPeerReport report) {
        throw new IllegalStateException(description + " does not send MUG health reports");
    }

    @Override
    public final String describe() {
        return description;
    }

    @Override
    public final SourceCapabilities capabilities() {
        return ObserverMapping.capabilities(observer.capabilities());
    }

    @Override
    public final void connect(SourceListener listener) {
        if (!connected.compareAndSet(false, true)) {
            throw new IllegalStateException("already connected");
        }
        observer.addListener(new MugListener() {
            @Override
            public void onSnapshot(SessionsSnapshot snapshot) {
                listener.onSnapshot(snapshot.sessions().stream().map(ObserverMapping::session).toList());
            }

            @Override
            public void onTelemetry(TelemetryBatch batch) {
                batch.samples().forEach(listener::onSample);
            }

            @Override
            public void onMugReports(List<MugPeerReport> reports) {
                reports.forEach(r -> listener.onSample(sample(r)));
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
                connectingText()));
        // Failures to connect arrive as connection states (refused, unreachable); nothing to do with the future.
        observer.connect().exceptionally(e -> null);
    }

    @Override
    public final void close() {
        observer.close();
    }

    @Override
    public final CompletableFuture<CommandResult> requestSnapshot() {
        return observer.requestSnapshot().thenApply(ObserverMapping::result);
    }

    @Override
    public final CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return observer.forceFallback(gameId, playerId).thenApply(ObserverMapping::result);
    }

    @Override
    public final CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return observer.restoreP2p(gameId, playerId).thenApply(ObserverMapping::result);
    }

    @Override
    public final CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return observer.setLink(gameId, playerId, link).thenApply(ObserverMapping::result);
    }
}
