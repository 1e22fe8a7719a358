package org.rollscope.ui.pilot;

import java.util.function.Consumer;
import org.rollscope.netcode.health.PeerSample;

/**
 * Where a pilot's own telemetry comes from: {@code MugParticipant::onSample} for a MUG pilot. Subscribing replaces the
 * previous sink; the sink is called on the pilot's thread and must not block.
 */
@FunctionalInterface
public interface PilotSamples {
    void subscribe(Consumer<PeerSample> sink);
}
