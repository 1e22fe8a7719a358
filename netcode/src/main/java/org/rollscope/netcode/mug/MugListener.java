package org.rollscope.netcode.mug;

import java.util.List;
import org.rollscope.netcode.observer.ObserverListener;

/**
 * An {@link ObserverListener} that also wants what only a MUG source has. Register it with
 * {@link MugSource#addListener}; plain {@code ObserverListener}s work too and simply do not get these calls.
 * Same thread rules: the Socket.IO client's event thread, in arrival order; return quickly.
 */
public interface MugListener extends ObserverListener {

    /**
     * The seats' health reports that are new in this {@code state_update} (each report once, ~every 2 s per seat):
     * MUG's timeline. Fields MUG does not report are null; see {@link MugPeerReport}.
     */
    default void onMugReports(List<MugPeerReport> reports) {
    }

    /** Every session after a {@code state_update}, with MUG's own fields (termination, episode, session health). */
    default void onMugSessions(List<MugSession> sessions) {
    }
}
