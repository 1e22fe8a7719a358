package org.rollscope.netcode.transport;

/**
 * One look at the peer-to-peer channel's health, taken by the peer loop each tick.
 *
 * @param channel whether the channel is usable at all
 * @param rttMs mean round trip in ms, or {@code null} when unknown
 * @param gapRate share of frames with gaps in [0, 1], or {@code null} when unknown (no INPUT packets seen)
 * @param bufferedBytes bytes accepted for sending and not yet on the wire
 */
public record HealthReading(ChannelState channel, Double rttMs, Double gapRate, long bufferedBytes) {}
