package org.rollscope.ui.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceListener;
import org.rollscope.ui.testing.ManualSource;
import org.rollscope.ui.testing.Samples;

/** A relay with MUG probes and the MUG server they play on, as one source: one session per MUG game. */
class RelayAndMugSourceTest {

    static final class Recorder implements SourceListener {
        final List<PeerSample> samples = new CopyOnWriteArrayList<>();
        final List<SessionEventRecord> events = new CopyOnWriteArrayList<>();
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();

        @Override public void onConnectionState(ConnectionState state) { states.add(state); }
        @Override public void onSnapshot(List<SessionInfo> sessions) { }
        @Override public void onSample(PeerSample sample) { samples.add(sample); }
        @Override public void onEvent(SessionEventRecord event) { events.add(event); }
    }

    @Test
    void aProbedGameKeepsItsProbeRowsAndDropsMugsCoarseOnes() {
        ManualSource relay = new ManualSource();
        ManualSource mug = new ManualSource();
        Recorder seen = new Recorder();
        new RelayAndMugSource(relay, mug).connect(seen);
        relay.sample(Samples.probe("mug-game", "1", 1, 1_000, 60));
        mug.sample(Samples.running("mug-game", "1", 1, 1_100, 0));
        mug.event(new SessionEventRecord("mug-game", "1", 1_200, "problem", "source=mug"));
        assertEquals(1, seen.samples.size(), "MUG's report of a probed game is dropped: " + seen.samples);
        assertEquals(PeerSample.SOURCE_MUG_PROBE, seen.samples.get(0).source());
        assertEquals(1, seen.events.size(), "MUG's events still go to the one session");
    }

    @Test
    void aGameWithoutProbesShowsMugsRowsMarkedWithWhatMugCannotTellOrDo() {
        ManualSource relay = new ManualSource();
        ManualSource mug = new ManualSource();
        Recorder seen = new Recorder();
        new RelayAndMugSource(relay, mug).connect(seen);
        mug.sample(Samples.running("unprobed", "0", 1, 1_000, 0));
        PeerSample row = seen.samples.get(0);
        assertEquals("mug", row.source());
        assertFalse(row.reports("frame"), "MUG's placeholder frame is unknown, not 0");
        assertTrue(row.reports("rtt_ms") && row.reports("transport"));
        assertEquals(List.of("force_fallback", "restore_p2p", "set_link"), row.unsupportedCommands());
    }

    @Test
    void connectedOnlyWhenBothAreAndAFailingMugIsNamed() {
        ManualSource relay = new ManualSource();
        ManualSource mug = new ManualSource();
        Recorder seen = new Recorder();
        RelayAndMugSource both = new RelayAndMugSource(relay, mug);
        both.connect(seen);
        assertTrue(seen.states.get(seen.states.size() - 1).isConnected());
        mug.close();
        ConnectionState last = seen.states.get(seen.states.size() - 1);
        assertFalse(last.isConnected());
        assertTrue(last.detail().startsWith("MUG: "), last.toString());
        both.forceFallback("g", "1");
        assertEquals(List.of("force_fallback g 1"), relay.commands, "commands go to the relay");
    }
}
