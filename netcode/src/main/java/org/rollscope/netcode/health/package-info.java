/**
 * Health figures of a peer and its channel: the telemetry sample ({@link org.rollscope.netcode.health.PeerSample}),
 * round-trip and gap-rate estimators. Pure bookkeeping: no sockets, no threads, no clock reads; may not import the
 * engine, transports or relay.
 */
package org.rollscope.netcode.health;
