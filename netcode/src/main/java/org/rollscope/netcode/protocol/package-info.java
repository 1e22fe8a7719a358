/**
 * The peer-to-peer channel's own protocol, sans-IO: the validation handshake, PING/PONG round trips, liveness, decoding
 * with per-reason reject counts, and the health figures it measures. It never touches a socket, owns no thread and
 * never reads the clock; the peer loop feeds it datagrams and time and flushes what it queues. May import wire and
 * health; may not import the engine, the relay or transports.
 */
package org.rollscope.netcode.protocol;
