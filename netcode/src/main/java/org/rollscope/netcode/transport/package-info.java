/**
 * How bytes travel between the two peers: the P2P-first / relay-fallback policy
 * ({@link org.rollscope.netcode.transport.TransportSelector}), link impairment profiles, and the transports
 * themselves. Policy classes are sans-IO and take time as arguments; only transport implementations own sockets and
 * threads. May not import the relay server or anything of JavaFX.
 */
package org.rollscope.netcode.transport;
