package org.rollscope.netcode.relay;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** One counter per {@link RejectReason}. Thread-safe, lock-free; incremented from any handler thread. */
final class RejectCounters {
    private final EnumMap<RejectReason, LongAdder> counters = new EnumMap<>(RejectReason.class);

    RejectCounters() {
        for (RejectReason reason : RejectReason.values()) {
            counters.put(reason, new LongAdder());
        }
    }

    void increment(RejectReason reason) {
        counters.get(reason).increment();
    }

    /** Current values keyed by wire code, every reason present (zero included). */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        counters.forEach((reason, adder) -> out.put(reason.code(), adder.sum()));
        return out;
    }
}
