/**
 * The peer-to-peer wire format of wire.md §1, byte-compatible with MUG's browser peers: the {@link
 * org.rollscope.netcode.wire.Message} records, {@link org.rollscope.netcode.wire.WireCodec} (strict, allocation-lean
 * encode/decode), and the rejection vocabulary ({@link org.rollscope.netcode.wire.RejectReason}, {@link
 * org.rollscope.netcode.wire.MalformedPacketException}, {@link org.rollscope.netcode.wire.RejectCounters}) that the
 * transports' receive loops use to count and drop garbage.
 *
 * <p>This package is a leaf: it may import only {@code java.*}. It knows nothing of the engine, transports, sockets,
 * threads, clocks, logging or JSON; everything else in netcode depends on it, never the other way round.
 */
package org.rollscope.netcode.wire;
