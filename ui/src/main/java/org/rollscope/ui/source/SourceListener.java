package org.rollscope.ui.source;

import java.util.List;
import org.rollscope.netcode.health.PeerSample;

/**
 * What a {@link SessionSource} reports. Called on the source's own threads, never on the FX thread; implementations
 * must return quickly and never block (the console's implementation only queues).
 */
public interface SourceListener {

    void onConnectionState(ConnectionState state);

    /** Every session the server knows, with players, latest samples and recent events; replaces nothing on its own. */
    void onSnapshot(List<SessionInfo> sessions);

    void onSample(PeerSample sample);

    void onEvent(SessionEventRecord event);

    /**
     * A hint for sources that can wait, such as a replay of a file: false while the console is behind and further
     * data would be dropped from the screen. Live sources ignore it (they must never wait on the UI). Any thread.
     */
    default boolean readyForMore() {
        return true;
    }
}
