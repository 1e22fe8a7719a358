package org.rollscope.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.health.HealthGrade;
import org.rollscope.ui.service.SourceUpdate;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.Samples;

class ConsoleModelTest {

    private static ConsoleModel model() {
        ConsoleModel m = new ConsoleModel(() -> 1_000L);
        m.reset(SourceCapabilities.everything());
        return m;
    }

    private static void sample(ConsoleModel m, PeerSample s) {
        m.apply(new SourceUpdate.SampleReceived(s));
    }

    private static void event(ConsoleModel m, String game, String player, long t, String kind) {
        m.apply(new SourceUpdate.EventReceived(new SessionEventRecord(game, player, t, kind, kind + " detail")));
    }

    @Test
    void samplesCreateTheSessionAndItsPeersInArrivalOrder() {
        Fx.run(() -> {
            ConsoleModel m = model();
            sample(m, Samples.running("g1", "p1", 1, 10_000, 600));
            sample(m, Samples.running("g1", "p2", 1, 10_037, 590));
            assertEquals(1, m.sessions().size());
            SessionViewModel s = m.session("g1", false);
            assertEquals(List.of("p1", "p2"), s.playerIds());
            assertEquals("running", s.stateProperty().get());
            assertEquals(2, m.samplesReceivedProperty().get());
        });
    }

    @Test
    void driftComparesBothPeersAtTheSameInstant() {
        Fx.run(() -> {
            ConsoleModel m = model();
            SessionViewModel s = m.session("g1", true);
            assertNull(s.driftFramesProperty().get(), "one peer: no drift");
            sample(m, Samples.running("g1", "p1", 1, 10_000, 600));
            assertNull(s.driftFramesProperty().get(), "one peer: no drift");
            // p2 sampled 37 ms later at 60 fps: 2.2 frames of its lead are only the sampling offset.
            sample(m, Samples.running("g1", "p2", 1, 10_037, 590));
            assertEquals(12.2, s.driftFramesProperty().get(), 1e-9);
            assertEquals("+12.2 frames (seat 0 vs seat 1)", s.driftTextProperty().get(), "seats, as the cards say");
            sample(m, Samples.running("g1", "p1", 2, 10_100, 580));
            assertEquals(-13.8, s.driftFramesProperty().get(), 1e-9, "p2 moved forward 63 ms = 3.8 frames");
        });
    }

    @Test
    void sessionHealthIsItsWorstPeerAndRelayShowsInTheTransports() {
        Fx.run(() -> {
            ConsoleModel m = model();
            sample(m, Samples.health("g1", "p1", 1, 40.0, 0.0, 100L, 0));
            sample(m, Samples.health("g1", "p2", 1, 320.0, 0.0, 100L, 0));
            SessionViewModel s = m.session("g1", false);
            assertEquals(HealthGrade.CRITICAL, s.health());
            PeerSample relay = Samples.withTransport(Samples.running("g1", "p2", 2, 2_000, 100), 2, 2_000,
                    PeerSample.TRANSPORT_RELAY, "rtt");
            sample(m, relay);
            assertEquals("p1 p2p  p2 relay", s.transportsProperty().get());
            assertEquals(HealthGrade.HEALTHY, s.health());
        });
    }

    @Test
    void endedSessionsStayListedWithASummaryAndCanBeHidden() {
        Fx.run(() -> {
            ConsoleModel m = model();
            sample(m, Samples.running("g1", "p1", 1, 10_000, 600));
            sample(m, Samples.running("g1", "p1", 2, 70_000, 4200));
            sample(m, Samples.running("g2", "p1", 1, 10_000, 600));
            event(m, "g1", "p1", 20_000, SessionEventRecord.FALLBACK);
            event(m, "g1", null, 40_000, SessionEventRecord.EPISODE_END);
            event(m, "g1", null, 70_500, SessionEventRecord.ENDED);
            SessionViewModel g1 = m.session("g1", false);
            assertTrue(g1.isEnded());
            assertEquals("ended", g1.stateProperty().get());
            assertEquals("ended · ran 1m 00s · 1 episode · 1 fallback · 0 desyncs", g1.summaryProperty().get());
            assertEquals(2, m.visibleSessions().size());
            assertEquals("g2", m.visibleSessions().get(0).gameId(), "live sessions sort before ended ones");
            m.showEndedProperty().set(false);
            assertEquals(List.of("g2"), m.visibleSessions().stream().map(SessionViewModel::gameId).toList());
            assertEquals(2, m.sessions().size(), "hidden, not forgotten");
        });
    }

    @Test
    void sessionsEndWhenEveryPeerReportsDone() {
        Fx.run(() -> {
            ConsoleModel m = model();
            PeerSample p1 = Samples.running("g1", "p1", 1, 1_000, 60);
            PeerSample p2 = Samples.running("g1", "p2", 1, 1_000, 60);
            sample(m, p1);
            sample(m, p2);
            sample(m, done(p1));
            assertFalse(m.session("g1", false).isEnded());
            sample(m, done(p2));
            assertTrue(m.session("g1", false).isEnded());
        });
    }

    private static PeerSample done(PeerSample s) {
        return new PeerSample(s.gameId(), s.playerId(), s.seq() + 1, s.tMs() + 100, PeerSample.STATE_DONE, s.episode(),
                s.frame(), s.confirmedFrame(), s.verifiedFrame(), s.remoteFrame(), 0, s.rollbacks(), s.rollbackFrames(), 0,
                s.maxRollbackDepth(), 0, s.stalls(), s.rttMs(), s.relayRttMs(), s.gapRate(), s.bufferedAmount(),
                s.transport(), s.transportReason(), 0, 0, 0, 0, 0, null, s.fps(), s.stepMs(), s.link());
    }

    @Test
    void sortByHealthPutsTheWorstFirstAndFilterMatchesPlayers() {
        Fx.run(() -> {
            ConsoleModel m = model();
            sample(m, Samples.health("a-ok", "alice", 1, 40.0, 0.0, 10L, 0));
            sample(m, Samples.health("b-bad", "bob", 1, 400.0, 0.0, 10L, 0));
            sample(m, Samples.health("c-meh", "carol", 1, 200.0, 0.0, 10L, 0));
            assertEquals(List.of("b-bad", "c-meh", "a-ok"), ids(m));
            sample(m, Samples.health("a-ok", "alice", 2, 40.0, 0.0, 10L, 2)); // a desync: now critical
            assertEquals("a-ok", ids(m).get(0));
            m.sortProperty().set(SessionSort.NAME);
            assertEquals(List.of("a-ok", "b-bad", "c-meh"), ids(m));
            m.filterTextProperty().set("CAR");
            assertEquals(List.of("c-meh"), ids(m));
        });
    }

    private static List<String> ids(ConsoleModel m) {
        return m.visibleSessions().stream().map(SessionViewModel::gameId).toList();
    }

    @Test
    void snapshotAddsPlayersWithoutReportsAndDoesNotRepeatEvents() {
        Fx.run(() -> {
            ConsoleModel m = model();
            SessionEventRecord joined = new SessionEventRecord("g1", "p1", 500, SessionEventRecord.JOINED, "");
            m.apply(new SourceUpdate.EventReceived(joined));
            SessionInfo info = new SessionInfo("g1", List.of("p1", "0"), "running", false, 100,
                    Map.of("p1", Samples.running("g1", "p1", 3, 1_000, 60)), List.of(joined));
            m.apply(new SourceUpdate.SnapshotReceived(List.of(info)));
            SessionViewModel s = m.session("g1", false);
            assertEquals(List.of("p1", "0"), s.playerIds());
            assertFalse(s.peer(1).reportedProperty().get(), "seat 0 never reported: 'no report', not missing");
            assertEquals(1, s.events().entries().size());
            assertEquals(1, m.allEvents().entries().size());
        });
    }

    @Test
    void commandAcknowledgementsAndErrorsReachTheStatusLine() {
        Fx.run(() -> {
            ConsoleModel m = model();
            m.showPending("Force fallback g1 / p1 sent");
            assertEquals(StatusMessage.Kind.PENDING, m.statusProperty().get().kind());
            m.apply(new SourceUpdate.CommandCompleted("Force fallback g1 / p1", CommandResult.success()));
            assertEquals(new StatusMessage(StatusMessage.Kind.OK, "Force fallback g1 / p1: acknowledged"), m.statusProperty().get());
            m.apply(new SourceUpdate.CommandCompleted("Restore P2P g1", CommandResult.failed("peer p2 did not answer within 2 s")));
            assertEquals(StatusMessage.Kind.ERROR, m.statusProperty().get().kind());
            assertTrue(m.statusProperty().get().text().contains("peer p2 did not answer"));
        });
    }

    @Test
    void aSampleWithoutSeatIsCountedAndDroppedAndOneWithUnknownStateStillShows() {
        Fx.run(() -> {
            ConsoleModel m = model();
            PeerSample good = Samples.running("g1", "p1", 1, 1_000, 60);
            sample(m, new PeerSample(null, "p1", 1, 1_000, "running", 0, 60, 57, 55, 58, 0, 0, 0, 0, 0, 0, 0, null, null,
                    null, null, null, null, 0, 0, 0, 0, 0, null, null, null, null));
            PeerSample noState = new PeerSample("g1", "p2", 1, 1_000, null, 0, 60, 57, 55, 58, 0, 0, 0, 0, 0, 0, 0, null,
                    null, null, null, null, null, 0, 0, 0, 0, 0, null, null, null, null);
            sample(m, noState);
            sample(m, good);
            assertEquals(1, m.rejectedUpdatesProperty().get());
            assertEquals(List.of("g1"), ids(m));
            assertEquals(List.of("p2", "p1"), m.session("g1", false).playerIds());
            assertEquals("running", m.session("g1", false).stateProperty().get());
            assertEquals(org.rollscope.ui.fx.Formats.UNKNOWN, m.session("g1", false).peer(0).text(org.rollscope.ui.peer.Metric.STATE));
        });
    }

    @Test
    void aLivePeerThatStopsReportingBecomesStaleAndRecoversWithTheNextSample() {
        Fx.run(() -> {
            long[] now = {10_000};
            ConsoleModel m = new ConsoleModel(() -> now[0]);
            m.reset(SourceCapabilities.everything());
            sample(m, Samples.running("g1", "p1", 1, 1_000, 60));
            sample(m, Samples.running("g1", "p2", 1, 1_000, 60));
            var p1 = m.session("g1", false).peer(0);
            now[0] = 12_900;
            m.tick();
            assertEquals(0, p1.silentForMsProperty().get(), "2.9 s of silence is not stale yet");
            now[0] = 14_500;
            m.tick();
            assertEquals(4_000, p1.silentForMsProperty().get());
            sample(m, Samples.running("g1", "p1", 2, 5_000, 300));
            assertEquals(0, p1.silentForMsProperty().get());
            event(m, "g1", null, 6_000, SessionEventRecord.ENDED);
            now[0] = 60_000;
            m.tick();
            assertEquals(0, p1.silentForMsProperty().get(), "an ended session's peers are silent, not stale");
        });
    }

    @Test
    void aRecordingNeverShowsStalePeers() {
        Fx.run(() -> {
            long[] now = {10_000};
            ConsoleModel m = new ConsoleModel(() -> now[0]);
            m.reset(SourceCapabilities.readOnly("recording", SourceCapabilities.ALL_FIELDS, false));
            sample(m, Samples.running("g1", "p1", 1, 1_000, 60));
            now[0] = 100_000;
            m.tick();
            assertEquals(0, m.session("g1", false).peer(0).silentForMsProperty().get());
        });
    }

    @Test
    void connectionStateIsShownAsReceived() {
        Fx.run(() -> {
            ConsoleModel m = model();
            m.apply(new SourceUpdate.ConnectionChanged(ConnectionState.refused("wrong token")));
            assertEquals(ConnectionState.Kind.REFUSED, m.connectionProperty().get().kind());
            assertEquals("wrong token", m.connectionProperty().get().detail());
        });
    }
}
