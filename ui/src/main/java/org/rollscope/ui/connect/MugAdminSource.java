package org.rollscope.ui.connect;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.mug.MugListener;
import org.rollscope.netcode.mug.MugPeerReport;
import org.rollscope.netcode.mug.MugSource;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * A MUG server's admin namespace (mug-admin.md) as a {@link SessionSource}, through netcode's {@link MugSource}
 * (login, cookie, re-login, mapping). Each MUG health report becomes a {@link PeerSample} carrying only what MUG
 * knows (transport, connection type, the session-median round trip, episode); the capabilities list just those
 * fields, so frames, rollbacks, gap rate and send buffer show as unknown, never as the zeros the record must hold.
 * Forcing a fallback and link conditions are unavailable, with MUG's reason.
 */
public final class MugAdminSource implements SessionSource {

    private final String url;
    private final MugSource mug;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final Map<String, Long> seqBySeat = new ConcurrentHashMap<>();

    public MugAdminSource(String url, String password) {
        this.url = url;
        this.mug = new MugSource(url, password);
    }

    @Override
    public String describe() {
        return "MUG " + url;
    }

    @Override
    public SourceCapabilities capabilities() {
        return ObserverMapping.capabilities(mug.capabilities());
    }

    @Override
    public void connect(SourceListener listener) {
        if (!connected.compareAndSet(false, true)) {
            throw new IllegalStateException("already connected");
        }
        mug.addListener(new MugListener() {
            @Override
            public void onSnapshot(SessionsSnapshot snapshot) {
                listener.onSnapshot(snapshot.sessions().stream().map(ObserverMapping::session).toList());
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
                "logging in to " + url));
        mug.connect().exceptionally(e -> null); // failures arrive as connection states (refused, unreachable)
    }

    /**
     * A report as a sample: the fields MUG knows, placeholders elsewhere (0, −1 for frames). The placeholders are
     * never shown: {@link #capabilities()} says they are not reported.
     */
    PeerSample sample(MugPeerReport r) {
        String seat = r.gameId() + "/" + r.playerId();
        long seq = seqBySeat.merge(seat, 1L, Long::sum);
        long tMs = r.tMs() != null ? r.tMs() : System.currentTimeMillis();
        return new PeerSample(r.gameId(), r.playerId(), seq, tMs, PeerSample.STATE_RUNNING,
                r.episode() == null ? 0 : r.episode(), 0, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, r.rttMs(), null, null, null,
                r.transport(), r.connectionType(), 0, 0, 0, 0, 0, null, null, null, null);
    }

    @Override
    public void close() {
        mug.close();
    }

    @Override
    public CompletableFuture<CommandResult> requestSnapshot() {
        return mug.requestSnapshot().thenApply(ObserverMapping::result);
    }

    @Override
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return mug.forceFallback(gameId, playerId).thenApply(ObserverMapping::result);
    }

    @Override
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return mug.restoreP2p(gameId, playerId).thenApply(ObserverMapping::result);
    }

    @Override
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return mug.setLink(gameId, playerId, link).thenApply(ObserverMapping::result);
    }
}
