/**
 * The load generator behind {@code rollscope load}: telemetry-only simulated peers on real Socket.IO connections,
 * observers that time every sample from peer send to observer receive, a force_fallback switch-latency probe, the
 * driver's and the relay's CPU, and the report with its verdict against the relay's targets. It may import
 * {@code relay} (only to start an embedded {@link org.rollscope.netcode.relay.RelayServer}), {@code observer},
 * {@code health} and {@code transport}; never JavaFX, never the relay's internals.
 */
package org.rollscope.netcode.load;
