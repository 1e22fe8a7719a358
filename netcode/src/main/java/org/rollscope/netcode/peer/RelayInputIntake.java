package org.rollscope.netcode.peer;

import java.util.ArrayDeque;
import org.rollscope.netcode.engine.InputPath;
import org.rollscope.netcode.engine.RollbackSession;

/**
 * The other seat's inputs that came by relay, on their way into the engine. They carry their episode
 * ({@code sync_epoch}), so those of the next episode are held until this peer gets there and those of an earlier one
 * are counted and dropped.
 *
 * <p>Threads: the peer loop only.
 */
final class RelayInputIntake {
    /** Relay inputs of the next episode that arrive before this peer got there; bounded, older ones are recovered. */
    static final int HELD_RELAY_INPUTS = 512;

    private final RollbackSession session;
    private final ArrayDeque<RelayInbound.RemoteAction> held = new ArrayDeque<>();
    private long stale;

    RelayInputIntake(RollbackSession session) {
        this.session = session;
    }

    /** One relay input as it arrives. */
    void onInput(RelayInbound.RemoteAction a, long nowMs) {
        if (a.syncEpoch() >= 0 && a.syncEpoch() > session.episode()) {
            if (held.size() == HELD_RELAY_INPUTS) {
                held.poll();
            }
            held.add(a); // the next episode's: keep until this peer gets there
        } else if (a.syncEpoch() >= 0 && a.syncEpoch() < session.episode()) {
            stale++; // an earlier episode's: never to be taken for this one
        } else {
            session.onRemoteInput(a.frame(), a.action(), InputPath.RELAY, nowMs);
        }
    }

    /** Hands held inputs to the engine once this peer runs their episode. Every tick, before stepping. */
    void releaseHeld(long nowMs) {
        while (!held.isEmpty() && held.peek().syncEpoch() <= session.episode()
                && session.state() == RollbackSession.State.RUNNING) {
            onInput(held.poll(), nowMs);
        }
    }

    /** Relay inputs of an earlier episode, dropped. */
    long staleCount() {
        return stale;
    }
}
