package org.rollscope.netcode.observer;

import java.util.concurrent.CompletableFuture;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * A live view of the sessions on one server, whatever the server: a Rollscope relay ({@link ObserverClient}) or a MUG
 * server ({@code mug.MugSource}). Consumers ({@code rollscope ctl}, the console) program against this and let
 * {@link #capabilities()} say which commands the server honours; the others complete with a refusal that says why,
 * never silently.
 *
 * <p>Threads: methods may be called from any thread and never block; listeners run on the client's event thread.
 */
public interface SessionObserver extends AutoCloseable {

    /** Adds a listener (before {@link #connect()} to miss nothing). */
    SessionObserver addListener(ObserverListener listener);

    /** Starts connecting; completes with the first snapshot, or fails with the reason it could not connect. */
    CompletableFuture<SessionsSnapshot> connect();

    ConnectionState state();

    /** What this server can be asked to do, with the reason for what it cannot. */
    SourceCapabilities capabilities();

    /** The most recent snapshot, or null before the first. */
    SessionsSnapshot lastSnapshot();

    /** Moves one seat's inputs (every seat's when {@code playerId} is null) to the relay. */
    CompletableFuture<CommandResult> forceFallback(String gameId, String playerId);

    /** Ends a forced fallback for one seat, or every seat when {@code playerId} is null. */
    CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId);

    /** Impairs one seat's (or every seat's) sending side. */
    CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link);

    /** Asks for a fresh snapshot, delivered to the listeners before the future completes. */
    CompletableFuture<CommandResult> requestSnapshot();

    /** Disconnects and stops reconnecting. Idempotent. */
    @Override
    void close();
}
