package org.rollscope.ui.source;

import java.util.concurrent.CompletableFuture;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * Where the console's data comes from: a live relay ({@code /observer}), a MUG admin namespace, or a recorded timeline
 * played back offline. The console sees only this interface, so every source gets the same views.
 *
 * <p><b>Threads.</b> Every method may be called from any thread and must not block (connecting happens in the
 * background). The source calls its {@link SourceListener} from its own threads (network, replay); the console hands
 * those calls to the FX thread through one queue, so a source never touches JavaFX.
 *
 * <p><b>Commands</b> return a future completed with the server's acknowledgement: {@link CommandResult#success()} or a
 * {@link CommandResult#failed(String) failure} with a plain reason. A future never completes exceptionally for an
 * expected failure (refused, timed out, unsupported); an exception means a bug. A command the source cannot honour
 * (see {@link #capabilities()}) completes at once with a failure naming why.
 */
public interface SessionSource extends AutoCloseable {

    /** Short, user-facing name of what this source is connected to, e.g. {@code relay ws://lab:7070} or a file name. */
    String describe();

    /** What this source can do and which telemetry fields it reports; fixed for the life of the source. */
    SourceCapabilities capabilities();

    /**
     * Starts connecting and delivering to {@code listener}; returns at once. The listener first hears
     * {@link ConnectionState.Kind#CONNECTING}, then {@code CONNECTED} followed by a sessions snapshot, then samples and
     * events as they arrive. Call at most once.
     *
     * @throws IllegalStateException if already connected or closed
     */
    void connect(SourceListener listener);

    /** Stops delivering, releases sockets and threads; idempotent. The listener hears {@code CLOSED} last. */
    @Override
    void close();

    /** Asks for a fresh sessions snapshot (delivered through the listener); the future acknowledges the request. */
    CompletableFuture<CommandResult> requestSnapshot();

    /** Forces one seat ({@code playerId}) or every seat ({@code playerId == null}) of a session onto the relay. */
    CompletableFuture<CommandResult> forceFallback(String gameId, String playerId);

    /** Lifts a forced fallback for one seat or every seat ({@code playerId == null}); P2P comes back when healthy. */
    CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId);

    /** Applies link impairment to the sending side of one seat or every seat ({@code playerId == null}). */
    CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link);
}
