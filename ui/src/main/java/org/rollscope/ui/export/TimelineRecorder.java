package org.rollscope.ui.export;

import org.rollscope.netcode.timeline.TimelineColumns;
import org.rollscope.ui.source.SourceCapabilities;
import java.util.Set;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceListener;

/**
 * Keeps every sample and event the console receives, for export, and passes each call on to the next listener (the
 * telemetry inbox). It sits in front of the inbox on purpose: the inbox may drop points when the screen falls
 * behind, the recorder does not.
 *
 * <p><b>Bounds.</b> At most {@link #DEFAULT_SAMPLE_CAPACITY} samples (10 hours of one two-peer session at 10 Hz,
 * about 300 MB at worst) and {@link #DEFAULT_EVENT_CAPACITY} events; past that the oldest go and are counted in the
 * export's {@code meta.dropped_samples} / {@code dropped_events}, so a truncated export says so.
 *
 * <p><b>Threads.</b> Called on the source's threads; {@link #snapshot} from any thread (the export task). Guarded by
 * this object's monitor; every call is short (an append or a copy), so the source is never held up for long.
 */
public final class TimelineRecorder implements SourceListener {

    public static final int DEFAULT_SAMPLE_CAPACITY = 2 * 10 * 3600 * 10;
    public static final int DEFAULT_EVENT_CAPACITY = 100_000;

    private final SourceListener next;
    private final int sampleCapacity;
    private final int eventCapacity;
    private final ArrayDeque<PeerSample> samples = new ArrayDeque<>();
    private final ArrayDeque<SessionEventRecord> events = new ArrayDeque<>();
    private final Map<String, SessionInfo> sessions = new LinkedHashMap<>();
    private long droppedSamples;
    private long droppedEvents;
    private long rejectedSamples;
    private final List<String> reportedFields;

    public TimelineRecorder(SourceListener next) {
        this(next, DEFAULT_SAMPLE_CAPACITY, DEFAULT_EVENT_CAPACITY);
    }

    public TimelineRecorder(SourceListener next, int sampleCapacity, int eventCapacity) {
        this(next, sampleCapacity, eventCapacity, SourceCapabilities.ALL_FIELDS);
    }

    /** @param reportedFields the fields the recorded source fills in; exports leave the others empty */
    public TimelineRecorder(SourceListener next, int sampleCapacity, int eventCapacity, Set<String> reportedFields) {
        this.next = next;
        this.sampleCapacity = sampleCapacity;
        this.eventCapacity = eventCapacity;
        this.reportedFields = List.copyOf(new java.util.TreeSet<>(reportedFields));
    }

    @Override
    public boolean readyForMore() {
        return next.readyForMore();
    }

    @Override
    public void onConnectionState(ConnectionState state) {
        next.onConnectionState(state);
    }

    @Override
    public void onSnapshot(List<SessionInfo> snapshot) {
        synchronized (this) {
            for (SessionInfo info : snapshot) {
                SessionInfo known = sessions.get(info.gameId());
                sessions.put(info.gameId(), new SessionInfo(info.gameId(), info.players(), info.state(),
                        info.ended() || (known != null && known.ended()),
                        info.createdMs() != 0 || known == null ? info.createdMs() : known.createdMs(), null, null));
            }
        }
        next.onSnapshot(snapshot);
    }

    @Override
    public void onSample(PeerSample sample) {
        if (sample.gameId() == null || sample.playerId() == null) {
            synchronized (this) {
                rejectedSamples++; // no session to file it under; the console counts it too
            }
            next.onSample(sample);
            return;
        }
        synchronized (this) {
            samples.addLast(sample);
            if (samples.size() > sampleCapacity) {
                samples.removeFirst();
                droppedSamples++;
            }
            SessionInfo info = sessions.get(sample.gameId());
            if (info == null || !info.players().contains(sample.playerId())) {
                List<String> players = new ArrayList<>(info == null ? List.of() : info.players());
                players.add(sample.playerId());
                sessions.put(sample.gameId(), new SessionInfo(sample.gameId(), players,
                        info == null ? sample.state() : info.state(), info != null && info.ended(),
                        info == null ? 0 : info.createdMs(), null, null));
            }
        }
        next.onSample(sample);
    }

    @Override
    public void onEvent(SessionEventRecord event) {
        synchronized (this) {
            events.addLast(event);
            if (events.size() > eventCapacity) {
                events.removeFirst();
                droppedEvents++;
            }
            if (SessionEventRecord.ENDED.equals(event.kind())) {
                SessionInfo info = sessions.get(event.gameId());
                sessions.put(event.gameId(), new SessionInfo(event.gameId(), info == null ? List.of() : info.players(),
                        "ended", true, info == null ? 0 : info.createdMs(), null, null));
            } else {
                sessions.putIfAbsent(event.gameId(), new SessionInfo(event.gameId(), List.of(), "", false, 0, null, null));
            }
        }
        next.onEvent(event);
    }

    /**
     * A copy of what was recorded for one session ({@code gameId}) or all ({@code null}), ready to export. Any thread.
     */
    public TimelineFile snapshot(String gameId, String sourceName, long nowMs) {
        List<PeerSample> s;
        List<SessionEventRecord> e;
        List<SessionInfo> infos;
        long ds;
        long de;
        synchronized (this) {
            s = samples.stream().filter(x -> gameId == null || gameId.equals(x.gameId())).toList();
            e = events.stream().filter(x -> gameId == null || gameId.equals(x.gameId())).toList();
            infos = sessions.values().stream().filter(x -> gameId == null || gameId.equals(x.gameId())).toList();
            ds = droppedSamples;
            de = droppedEvents;
        }
        long first = Long.MAX_VALUE;
        long last = 0;
        for (PeerSample x : s) { first = Math.min(first, x.tMs()); last = Math.max(last, x.tMs()); }
        for (SessionEventRecord x : e) { first = Math.min(first, x.tMs()); last = Math.max(last, x.tMs()); }
        TimelineFile.Meta meta = new TimelineFile.Meta(TimelineFile.FORMAT, TimelineFile.VERSION, sourceName, nowMs,
                infos, first == Long.MAX_VALUE ? 0 : first, last, ds, de, TimelineColumns.SAMPLE_COLUMNS,
                reportedFields);
        return new TimelineFile(meta, s, e);
    }

    public synchronized int sampleCount() {
        return samples.size();
    }

    public synchronized int eventCount() {
        return events.size();
    }

    public synchronized long droppedSamples() {
        return droppedSamples;
    }

    /** Samples not recorded because they named no game or seat. */
    public synchronized long rejectedSamples() {
        return rejectedSamples;
    }

    /** Forgets everything (a new source was opened). */
    public synchronized void clear() {
        samples.clear();
        events.clear();
        sessions.clear();
        droppedSamples = 0;
        droppedEvents = 0;
    }
}
