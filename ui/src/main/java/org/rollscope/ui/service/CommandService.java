package org.rollscope.ui.service;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.SessionSource;

/**
 * Sends commands to the current source and routes each acknowledgement back to the FX thread through the
 * {@link TelemetryInbox} (never a runLater per ack). A future that fails exceptionally is reported as an error with
 * its message rather than lost.
 */
public final class CommandService {

    private final Supplier<SessionSource> source;
    private final TelemetryInbox inbox;

    public CommandService(Supplier<SessionSource> source, TelemetryInbox inbox) {
        this.source = source;
        this.inbox = inbox;
    }

    public void forceFallback(String gameId, String playerId) {
        send("Force fallback " + target(gameId, playerId), s -> s.forceFallback(gameId, playerId));
    }

    public void restoreP2p(String gameId, String playerId) {
        send("Restore P2P " + target(gameId, playerId), s -> s.restoreP2p(gameId, playerId));
    }

    public void setLink(String gameId, String playerId, LinkProfile link) {
        send("Set link " + target(gameId, playerId), s -> s.setLink(gameId, playerId, link));
    }

    public void requestSnapshot() {
        send("Refresh", SessionSource::requestSnapshot);
    }

    private void send(String description, java.util.function.Function<SessionSource, CompletableFuture<CommandResult>> call) {
        SessionSource s = source.get();
        if (s == null) {
            inbox.onCommandCompleted(description, CommandResult.failed("not connected"));
            return;
        }
        CompletableFuture<CommandResult> future;
        try {
            future = call.apply(s);
        } catch (RuntimeException e) {
            inbox.onCommandCompleted(description, CommandResult.failed(plain(e)));
            return;
        }
        future.whenComplete((result, error) -> inbox.onCommandCompleted(description,
                error != null ? CommandResult.failed(plain(error)) : result));
    }

    private static String plain(Throwable e) {
        Throwable cause = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    static String target(String gameId, String playerId) {
        return playerId == null ? gameId + " (both peers)" : gameId + " / " + playerId;
    }
}
