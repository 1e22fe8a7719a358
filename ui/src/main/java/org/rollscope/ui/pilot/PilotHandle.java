package org.rollscope.ui.pilot;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.peer.MugParticipant;

/**
 * What the console holds of a MUG pilot running in this process: its own telemetry and the one command it takes
 * (a {@code MugParticipant}).
 */
public interface PilotHandle {
    /** Hands every sample to {@code sink}, on the pilot's thread; the sink must not block. Replaces the last sink. */
    void subscribe(Consumer<PeerSample> sink);

    /**
     * Moves the pilot's inputs to MUG's Socket.IO for the rest of its game (MUG's latch); completes false when the
     * pilot is in no game.
     */
    CompletableFuture<Boolean> forceFallback();

    /** The handle of a running participant. */
    static PilotHandle of(MugParticipant participant) {
        return new PilotHandle() {
            @Override
            public void subscribe(Consumer<PeerSample> sink) {
                participant.onSample(sink);
            }

            @Override
            public CompletableFuture<Boolean> forceFallback() {
                return participant.forceFallback();
            }
        };
    }
}
