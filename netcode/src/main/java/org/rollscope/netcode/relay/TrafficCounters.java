package org.rollscope.netcode.relay;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The relay's traffic counters and gauges (see {@link RelayStats}). Thread-safe, lock-free. */
final class TrafficCounters {
    final AtomicInteger peersConnected = new AtomicInteger();
    final LongAdder samplesReceived = new LongAdder();
    final LongAdder actionsRelayed = new LongAdder();
    final LongAdder undeliverable = new LongAdder();
    final LongAdder p2pMessagesRelayed = new LongAdder();
    final LongAdder episodesStored = new LongAdder();
}
