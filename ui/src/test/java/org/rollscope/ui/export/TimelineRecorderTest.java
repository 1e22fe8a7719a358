package org.rollscope.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceListener;
import org.rollscope.ui.testing.Samples;

class TimelineRecorderTest {

    /** Collects what the recorder passes on. */
    static final class Collect implements SourceListener {
        final List<Object> seen = new ArrayList<>();

        @Override public synchronized void onConnectionState(ConnectionState s) { seen.add(s); }
        @Override public synchronized void onSnapshot(List<SessionInfo> s) { seen.add(s); }
        @Override public synchronized void onSample(PeerSample s) { seen.add(s); }
        @Override public synchronized void onEvent(SessionEventRecord e) { seen.add(e); }

        synchronized List<Object> copy() { return List.copyOf(seen); }
    }

    @Test
    void passesEverythingOnAndKeepsSamplesAndEventsPerSession() {
        Collect next = new Collect();
        TimelineRecorder r = new TimelineRecorder(next);
        r.onSample(Samples.running("g1", "p1", 1, 1_000, 60));
        r.onSample(Samples.running("g2", "p1", 1, 1_000, 60));
        r.onSample(Samples.running("g1", "p2", 1, 1_010, 60));
        r.onEvent(new SessionEventRecord("g1", null, 2_000, SessionEventRecord.ENDED, ""));
        assertEquals(4, next.seen.size());
        TimelineFile g1 = r.snapshot("g1", "test", 5_000);
        assertEquals(2, g1.samples().size());
        assertEquals(1, g1.events().size());
        assertEquals(1_000, g1.meta().firstTMs());
        assertEquals(2_000, g1.meta().lastTMs());
        SessionInfo info = g1.meta().sessions().get(0);
        assertEquals(List.of("p1", "p2"), info.players());
        assertTrue(info.ended());
        assertEquals(3, r.snapshot(null, "test", 5_000).samples().size());
    }

    @Test
    void aSampleWithoutSeatIsCountedNotRecordedAndStillPassedOn() {
        Collect next = new Collect();
        TimelineRecorder r = new TimelineRecorder(next);
        r.onSample(new PeerSample(null, null, 1, 1_000, "running", 0, 60, 57, 55, 58, 0, 0, 0, 0, 0, 0, 0, null, null,
                null, null, null, null, 0, 0, 0, 0, 0, null, null, null, null));
        assertEquals(0, r.sampleCount());
        assertEquals(1, r.rejectedSamples());
        assertEquals(1, next.copy().size());
    }

    @Test
    void dropsTheOldestPastItsCapacityAndSaysSoInTheExport() {
        TimelineRecorder r = new TimelineRecorder(new Collect(), 100, 10);
        for (int i = 0; i < 250; i++) {
            r.onSample(Samples.running("g1", "p1", i, 1_000 + i, 60 + i));
        }
        TimelineFile f = r.snapshot(null, "test", 0);
        assertEquals(100, f.samples().size());
        assertEquals(150, f.samples().get(0).seq());
        assertEquals(150, f.meta().droppedSamples());
    }
}
