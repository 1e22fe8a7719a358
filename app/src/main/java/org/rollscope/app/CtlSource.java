package org.rollscope.app;

import java.util.concurrent.CompletableFuture;
import org.rollscope.netcode.mug.MugSource;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * What {@code rollscope ctl} needs from a connected session source: a Rollscope relay ({@link ObserverClient}) or a
 * MUG server ({@link MugSource}), which share these method names and meanings.
 */
interface CtlSource extends AutoCloseable {

    SessionsSnapshot lastSnapshot();

    CompletableFuture<CommandResult> forceFallback(String gameId, String playerId);

    CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId);

    CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link);

    @Override
    void close();

    static CtlSource of(ObserverClient relay) {
        return new CtlSource() {
            @Override
            public SessionsSnapshot lastSnapshot() {
                return relay.lastSnapshot();
            }

            @Override
            public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
                return relay.forceFallback(gameId, playerId);
            }

            @Override
            public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
                return relay.restoreP2p(gameId, playerId);
            }

            @Override
            public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
                return relay.setLink(gameId, playerId, link);
            }

            @Override
            public void close() {
                relay.close();
            }
        };
    }

    static CtlSource of(MugSource mug) {
        return new CtlSource() {
            @Override
            public SessionsSnapshot lastSnapshot() {
                return mug.lastSnapshot();
            }

            @Override
            public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
                return mug.forceFallback(gameId, playerId);
            }

            @Override
            public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
                return mug.restoreP2p(gameId, playerId);
            }

            @Override
            public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
                return mug.setLink(gameId, playerId, link);
            }

            @Override
            public void close() {
                mug.close();
            }
        };
    }
}
