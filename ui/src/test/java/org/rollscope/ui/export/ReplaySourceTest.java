package org.rollscope.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.peer.Metric;
import org.rollscope.ui.service.TelemetryInbox;
import org.rollscope.ui.session.ConsoleModel;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.source.Capability;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.testing.Await;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.SyntheticSession;

class ReplaySourceTest {

    @TempDir
    Path dir;

    @Test
    void anExportedJsonReopensAsTheSameSession() throws Exception {
        TimelineFile original = SyntheticSession.generate("g1", 40, 5, true);
        new TimelineExporter().writeAll(original, dir, "t", false, true, TimelineExporter.Progress.NONE);
        TimelineFile reread = new TimelineReader().read(dir.resolve("t.json"));

        ConsoleModel model = Fx.call(ConsoleModel::new);
        TelemetryInbox inbox = new TelemetryInbox(100_000);
        TimelineRecorder recorder = new TimelineRecorder(inbox); // in front of the inbox, as the console wires it
        ReplaySource source = new ReplaySource(reread, "t.json", 0, false);
        Fx.run(() -> model.reset(source.capabilities()));
        source.connect(recorder);
        Await.until(Duration.ofSeconds(10), () -> recorder.sampleCount() == original.samples().size()
                && recorder.eventCount() == original.events().size(), () -> "recorded " + recorder.sampleCount());
        Fx.run(() -> inbox.drainTo(model::apply));

        Fx.run(() -> {
            assertEquals(ConnectionState.Kind.CONNECTED, model.connectionProperty().get().kind());
            SessionViewModel s = model.session("g1", false);
            assertEquals(List.of("p1", "p2"), s.playerIds());
            assertTrue(s.isEnded());
            PeerSample lastP1 = original.samples().stream().filter(x -> x.playerId().equals("p1")).reduce((a, b) -> b).orElseThrow();
            assertEquals(String.format("%,d", lastP1.frame()), s.peer(0).text(Metric.FRAME));
            assertEquals(original.events().size(), s.events().entries().size());
        });
        // The replayed session exports to the same rows as the original.
        TimelineFile again = recorder.snapshot("g1", "again", 0);
        assertEquals(original.samples(), again.samples());
        assertEquals(original.events(), again.events());
        source.close();
    }

    @Test
    void aLargeFileWaitsForTheConsoleInsteadOfOverflowingItsInbox() throws Exception {
        TimelineFile big = SyntheticSession.generate("g1", 600, 5, true); // 12,000 samples
        TelemetryInbox small = new TelemetryInbox(1_000);
        TimelineRecorder recorder = new TimelineRecorder(small);
        ReplaySource source = new ReplaySource(big, "big.json", 0, false);
        source.connect(recorder);
        long[] drained = {0};
        boolean[] connected = {false};
        // Drain the way the pump does, a pulse at a time, until the replay says it is done.
        Await.until(Duration.ofSeconds(30), () -> {
            Fx.run(() -> small.drainTo(u -> {
                drained[0]++;
                if (u instanceof org.rollscope.ui.service.SourceUpdate.ConnectionChanged c && c.state().isConnected()) {
                    connected[0] = true;
                }
            }));
            return connected[0];
        }, () -> "drained " + drained[0] + ", dropped " + small.droppedCount());
        assertEquals(0, small.droppedCount(), "nothing dropped from the screen");
        assertEquals(big.samples().size(), recorder.sampleCount());
        assertTrue(drained[0] >= big.samples().size() + big.events().size());
        source.close();
    }

    @Test
    void pacedReplayDeliversInRecordedOrderAndStopsOnClose() throws Exception {
        TimelineFile file = SyntheticSession.generate("g1", 3, 5, false);
        TimelineRecorderTest.Collect seen = new TimelineRecorderTest.Collect();
        ReplaySource source = new ReplaySource(file, "t", 10, false);
        source.connect(seen);
        Await.until(Duration.ofSeconds(10), () -> count(seen) == file.samples().size(), () -> "samples " + count(seen));
        long last = Long.MIN_VALUE;
        for (Object o : seen.copy()) {
            if (o instanceof PeerSample s) {
                assertTrue(s.tMs() >= last, "out of order at " + s.tMs());
                last = s.tMs();
            }
        }
        source.close();
        assertTrue(seen.copy().contains(ConnectionState.of(ConnectionState.Kind.CLOSED)));
        assertThrows(IllegalStateException.class, () -> source.connect(new TimelineRecorderTest.Collect()));
    }

    private static long count(TimelineRecorderTest.Collect c) {
        return c.copy().stream().filter(o -> o instanceof PeerSample).count();
    }

    @Test
    void commandsAreRefusedWithTheReasonAndCapabilitiesSaySo() throws Exception {
        ReplaySource source = new ReplaySource(SyntheticSession.generate("g1", 1, 5, false), "t", 0, false);
        for (Capability c : List.of(Capability.FORCE_FALLBACK, Capability.RESTORE_P2P, Capability.SET_LINK)) {
            assertFalse(source.capabilities().supports(c));
            assertEquals(ReplaySource.READ_ONLY_REASON, source.capabilities().whyNot(c));
        }
        CommandResult r = source.forceFallback("g1", "p1").get();
        assertFalse(r.ok());
        assertEquals(ReplaySource.READ_ONLY_REASON, r.error());
        assertFalse(source.setLink("g1", null, LinkProfile.PERFECT).get().ok());
    }
}
