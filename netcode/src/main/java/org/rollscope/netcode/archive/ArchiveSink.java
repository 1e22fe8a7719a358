package org.rollscope.netcode.archive;

import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * Where the relay hands every sample and event that enters its session model, for keeping. The relay's one hook into
 * the archive. Called on the relay's handler threads (many at once): implementations must never block and never
 * throw.
 */
public interface ArchiveSink {
    /** A telemetry sample, already stamped with its seat. */
    void onSample(PeerSample sample);

    /** A session event, in publication order per session. */
    void onEvent(SessionEvent event);

    /** Keeps nothing (the archive is off). */
    ArchiveSink NONE = new ArchiveSink() {
        @Override
        public void onSample(PeerSample sample) {
        }

        @Override
        public void onEvent(SessionEvent event) {
        }
    };
}
