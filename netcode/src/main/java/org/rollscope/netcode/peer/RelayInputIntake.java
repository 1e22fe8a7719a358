package org.rollscope.netcode.peer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.rollscope.netcode.engine.InputPath;
import org.rollscope.netcode.engine.RollbackSession;

/**
 * The other seat's inputs that came by relay, on their way into the engine. An input of the next episode that arrives
 * before this peer got there is held until it does; one of an earlier episode is counted and dropped. A relayed input
 * is sent once and never again, so one dropped too early is lost for good.
 *
 * <p>Which episode an input belongs to: Rollscope's relay inputs carry it ({@code sync_epoch}). A MUG page's do not
 * (its {@code sync_epoch} is something else, so they arrive here as unknown, -1), but they come in order, one per
 * frame, and frames restart at 0 every episode: an input whose frame is lower than the one before it is the first of
 * a new episode. So while this peer is between episodes, or once such a restart came while it still finishes its
 * episode, MUG's inputs are held; when the next episode runs, those held before the last restart (the end of the old
 * episode) are dropped and the rest go in. The engine's own gate still applies to every one.
 *
 * <p>Threads: the peer loop only.
 */
final class RelayInputIntake {
    /** Relay inputs of the next episode that arrive before this peer got there; bounded, older ones are recovered. */
    static final int HELD_RELAY_INPUTS = 512;

    private final RollbackSession session;
    private final ArrayDeque<RelayInbound.RemoteAction> held = new ArrayDeque<>();
    private final ArrayDeque<RelayInbound.RemoteAction> heldUnknown = new ArrayDeque<>();
    /** The episode the held inputs without an episode are for; -1 while none are held. */
    private int heldUnknownFor = -1;
    /** The frame of the newest input without an episode that went in; -1 at an episode's start. */
    private int lastUnknownFrame = -1;
    private int lastUnknownEpisode = -1;
    private long stale;

    RelayInputIntake(RollbackSession session) {
        this.session = session;
    }

    /** One relay input as it arrives. */
    void onInput(RelayInbound.RemoteAction a, long nowMs) {
        if (a.syncEpoch() < 0) {
            onInputWithoutEpisode(a, nowMs);
        } else if (a.syncEpoch() > session.episode()) {
            hold(held, a); // the next episode's: keep until this peer gets there
        } else if (a.syncEpoch() < session.episode()) {
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
        if (heldUnknownFor >= 0 && session.state() == RollbackSession.State.RUNNING
                && session.episode() >= heldUnknownFor) {
            List<RelayInbound.RemoteAction> current = sinceLastRestart(heldUnknown);
            stale += heldUnknown.size() - current.size();
            heldUnknown.clear();
            heldUnknownFor = -1;
            current.forEach(a -> admitWithoutEpisode(a, nowMs));
        }
    }

    /** Relay inputs of an earlier episode, dropped. */
    long staleCount() {
        return stale;
    }

    private void onInputWithoutEpisode(RelayInbound.RemoteAction a, long nowMs) {
        boolean running = session.state() == RollbackSession.State.RUNNING;
        if (running && lastUnknownEpisode != session.episode()) {
            lastUnknownEpisode = session.episode();
            lastUnknownFrame = -1;
        }
        if (heldUnknownFor < 0) {
            if (running && a.frame() >= lastUnknownFrame) {
                admitWithoutEpisode(a, nowMs);
                return;
            }
            // Between episodes: for the next one, or a late one of the last (sorted out on release). Running: the
            // frames restarted, so the other peer is in the next episode already.
            heldUnknownFor = running ? session.episode() + 1 : session.episodesCompleted();
        }
        hold(heldUnknown, a);
    }

    private void admitWithoutEpisode(RelayInbound.RemoteAction a, long nowMs) {
        long droppedBefore = session.inputsDroppedStale();
        session.onRemoteInput(a.frame(), a.action(), InputPath.RELAY, nowMs);
        if (session.inputsDroppedStale() == droppedBefore) {
            // Only a frame the engine took counts for the restart rule: a late one of the previous episode, which
            // its gate refuses as too far ahead, must not make this episode's next inputs look like a restart.
            lastUnknownEpisode = session.episode();
            lastUnknownFrame = a.frame();
        }
    }

    private static void hold(ArrayDeque<RelayInbound.RemoteAction> queue, RelayInbound.RemoteAction a) {
        if (queue.size() == HELD_RELAY_INPUTS) {
            queue.poll();
        }
        queue.add(a);
    }

    /** The inputs from the last frame restart on (all of them when the frames never went down). */
    private static List<RelayInbound.RemoteAction> sinceLastRestart(ArrayDeque<RelayInbound.RemoteAction> inOrder) {
        List<RelayInbound.RemoteAction> all = new ArrayList<>(inOrder);
        int from = 0;
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).frame() < all.get(i - 1).frame()) {
                from = i;
            }
        }
        return all.subList(from, all.size());
    }
}
