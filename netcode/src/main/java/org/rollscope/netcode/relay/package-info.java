/**
 * The session relay server: sessions and seats, the MUG relay path and signalling, telemetry ingest and observer
 * fan-out, observer commands, episode storage and the session event journal. It may import {@code relay.embed},
 * {@code observer}, {@code health} and {@code transport}; never JavaFX, and never the engine or the peer.
 *
 * <p>Thread model: every Socket.IO handler runs on a Jetty pool thread; events of one connection run one at a time,
 * different connections in parallel. Shared state ({@link org.rollscope.netcode.relay.SessionRegistry}, the
 * observer hub) is thread-safe. Three relay-owned single threads: {@code relay-fanout} (telemetry batches),
 * {@code relay-timers} (command timeouts) and {@code relay-storage} (episode files).
 */
package org.rollscope.netcode.relay;
