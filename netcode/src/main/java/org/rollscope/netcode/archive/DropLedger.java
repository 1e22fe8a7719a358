package org.rollscope.netcode.archive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * Counts what the archive could not keep, per session, until it is reported as an {@code archive_dropped} event:
 * never a silent gap. {@link #drop} is called from any thread and never blocks; {@link #report} from the writer.
 */
final class DropLedger {
    /** Samples and events lost for one session since the last report. */
    private static final class Pending {
        final LongAdder samples = new LongAdder();
        final LongAdder events = new LongAdder();
        volatile long firstTMs = Long.MAX_VALUE;
        volatile long lastTMs;
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final LongAdder totalSamples = new LongAdder();
    private final LongAdder totalEvents = new LongAdder();

    void drop(String gameId, boolean sample, long tMs) {
        Pending p = pending.computeIfAbsent(gameId == null ? "" : gameId, g -> new Pending());
        (sample ? p.samples : p.events).increment();
        p.firstTMs = Math.min(p.firstTMs, tMs); // racy min/max: the range is a hint, the counts are exact
        p.lastTMs = Math.max(p.lastTMs, tMs);
        (sample ? totalSamples : totalEvents).increment();
    }

    /** Samples dropped since the relay started. */
    long samples() {
        return totalSamples.sum();
    }

    /** Events dropped since the relay started. */
    long events() {
        return totalEvents.sum();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** One {@code archive_dropped} event per session with losses, and forgets them. */
    List<SessionEvent> report(String reason, long nowMs) {
        List<SessionEvent> out = new ArrayList<>();
        for (String gameId : List.copyOf(pending.keySet())) {
            Pending p = pending.remove(gameId);
            if (p == null || gameId.isEmpty()) {
                continue;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("samples", p.samples.sum());
            detail.put("events", p.events.sum());
            detail.put("from_t_ms", p.firstTMs);
            detail.put("to_t_ms", p.lastTMs);
            detail.put("reason", reason);
            out.add(new SessionEvent(gameId, null, nowMs, SessionEvent.KIND_ARCHIVE_DROPPED, detail));
        }
        return out;
    }
}
