package org.rollscope.ui.testing;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * A source the test steps by hand: it delivers recorded samples and events when told, from the test thread (a
 * non-FX thread, like a network thread), and acknowledges commands (recording them) the way a relay would.
 */
public final class ManualSource implements SessionSource {

    private volatile SourceListener listener;
    public final List<String> commands = new CopyOnWriteArrayList<>();

    @Override
    public String describe() {
        return "manual test source";
    }

    @Override
    public SourceCapabilities capabilities() {
        return SourceCapabilities.everything();
    }

    @Override
    public void connect(SourceListener l) {
        listener = l;
        l.onConnectionState(ConnectionState.of(ConnectionState.Kind.CONNECTING));
        l.onConnectionState(ConnectionState.of(ConnectionState.Kind.CONNECTED));
    }

    public boolean connected() {
        return listener != null;
    }

    public void snapshot(List<SessionInfo> sessions) {
        listener.onSnapshot(sessions);
    }

    public void sample(PeerSample s) {
        listener.onSample(s);
    }

    public void event(SessionEventRecord e) {
        listener.onEvent(e);
    }

    @Override
    public void close() {
        SourceListener l = listener;
        if (l != null) l.onConnectionState(ConnectionState.of(ConnectionState.Kind.CLOSED));
    }

    @Override
    public CompletableFuture<CommandResult> requestSnapshot() {
        return CompletableFuture.completedFuture(CommandResult.success());
    }

    @Override
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        commands.add("force_fallback " + gameId + " " + playerId);
        return CompletableFuture.completedFuture(CommandResult.success());
    }

    @Override
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        commands.add("restore_p2p " + gameId + " " + playerId);
        return CompletableFuture.completedFuture(CommandResult.failed("peer " + playerId + " did not answer within 2 s"));
    }

    @Override
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        commands.add("set_link " + gameId + " " + playerId + " " + link);
        return CompletableFuture.completedFuture(CommandResult.success());
    }
}
