package org.rollscope.netcode.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.sim.ActionSource;
import org.rollscope.netcode.sim.Lockstep;
import org.rollscope.netcode.testgame.CounterGame;
import org.rollscope.netcode.testgame.TestBots;
import org.rollscope.netcode.wire.Message;

class RollbackSessionTest {

    private static final SessionConfig CONFIG = SessionConfig.builder().actionCount(6).timeSync(false).build();
    private static final ActionSource BOT = TestBots.jumpy(5, 6);

    private static SessionPair pair(int maxFrames, int episodes) {
        SessionConfig c = CONFIG.toBuilder().episodes(episodes).build();
        return new SessionPair(c, new CounterGame(maxFrames, 0), new CounterGame(maxFrames, 0), 9, 9, BOT);
    }

    /** Both peers finished, each with exactly the lockstep run's rows (120-frame counter game, seed 9, delay 2). */
    private static void assertBothFinishedOnTheLockstepTrajectory(SessionPair p, int episodes) {
        assertEquals(RollbackSession.State.FINISHED, p.sessions[0].state());
        assertEquals(RollbackSession.State.FINISHED, p.sessions[1].state());
        List<List<FrameRecord>> lockstep = Lockstep.run(new CounterGame(120, 0), 9, episodes, 2, 0, BOT);
        assertNull(Lockstep.firstDifference(byEpisode(p.records.get(0)), lockstep));
        assertNull(Lockstep.firstDifference(byEpisode(p.records.get(1)), lockstep));
    }

    private static List<List<FrameRecord>> byEpisode(List<FrameRecord> rows) {
        List<List<FrameRecord>> out = new ArrayList<>();
        for (FrameRecord r : rows) {
            while (out.size() <= r.episode()) {
                out.add(new ArrayList<>());
            }
            out.get(r.episode()).add(r);
        }
        return out;
    }

    @Test
    void firstTickAsksForTheResetThenWaitsForThePeersReady() {
        RollbackSession s = new RollbackSession(CONFIG, 0, CounterGame.SNAPSHOT_SIZE);
        AdvanceResult r = s.advanceFrame(0);
        assertInstanceOf(FrameRequest.Reset.class, r.requests().get(0));
        assertEquals(RejectReason.WAITING_FOR_PEER, r.rejectReason());
        new FrameRunner(new CounterGame(100, 0), 1).run(r, s, 0);
        List<Message> out = new ArrayList<>();
        s.drainOutgoing(out::add);
        Message.EpisodeReady ready = (Message.EpisodeReady) out.get(0);
        assertEquals(1, ready.episode(), "1-based on the wire");
        assertEquals(8, ready.stateHash().length());
        assertEquals(RollbackSession.State.WAITING_FOR_PEER, s.state());
        assertEquals("connecting", s.telemetryState());
        s.onMessage(new Message.EpisodeReady(1, ready.stateHash()), 16);
        assertEquals(RollbackSession.State.RUNNING, s.state());
        assertEquals("running", s.telemetryState());
    }

    @Test
    void advancingWithoutLocalInputIsMisuse() {
        SessionPair p = pair(100, 1);
        p.ticks(3);
        assertEquals(RollbackSession.State.RUNNING, p.sessions[0].state());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.sessions[0].advanceFrame(1000));
        assertTrue(e.getMessage().contains("no local input"), e.getMessage());
    }

    @Test
    void lateContradictingInputRollsBackWithLoadThenAdvanceSavePairsInOrder() {
        SessionPair p = pair(1000, 1);
        p.ticks(4); // both running
        p.deliver = (from, m) -> from == 0 || !(m instanceof Message.Input);
        p.ticks(6);
        RollbackSession s0 = p.sessions[0];
        int frameBefore = s0.frame();
        assertTrue(s0.predictedFrames() >= 4, "predicting: " + s0.predictedFrames());
        // Release peer 1's inputs: the jumpy bot contradicts the repeat-last prediction.
        for (Message m : p.held.get(1)) {
            s0.onMessage(m, p.nowMs);
        }
        s0.addLocalInput(0);
        AdvanceResult r = s0.advanceFrame(p.nowMs + 16);
        FrameRequest.Load load = assertInstanceOf(FrameRequest.Load.class, r.requests().get(0));
        int depth = frameBefore - load.frame();
        assertTrue(depth >= 1 && depth <= CONFIG.predictionWindow(), "depth " + depth);
        for (int i = 0; i < depth + 1; i++) {
            FrameRequest.Advance a = assertInstanceOf(FrameRequest.Advance.class, r.requests().get(1 + 2 * i));
            assertEquals(load.frame() + i, a.frame());
            FrameRequest.Save save = assertInstanceOf(FrameRequest.Save.class, r.requests().get(2 + 2 * i));
            assertEquals(a.frame() + 1, save.frame());
        }
        assertEquals(1, s0.rollbacks());
        assertEquals(depth, s0.lastRollbackDepth());
        assertEquals(depth, s0.rollbackFrames());
    }

    @Test
    void peerStallsWhenThePredictionWindowIsFullAndCountsIt() {
        SessionPair p = pair(1000, 1);
        p.ticks(4);
        p.deliver = (from, m) -> from == 0;
        p.ticks(30);
        RollbackSession s0 = p.sessions[0];
        assertEquals(RejectReason.PREDICTION_WINDOW_FULL, p.lastResults.get(0).rejectReason());
        assertTrue(s0.stalls() > 10, "stalls " + s0.stalls());
        assertTrue(s0.frame() - 1 - s0.confirmedFrame() <= CONFIG.predictionWindow());
    }

    @Test
    void duplicateAndRedundantInputsAreIgnoredAndNeverRollBack() {
        SessionPair p = pair(1000, 1);
        p.deliver = (from, m) -> true;
        p.ticks(50);
        RollbackSession s0 = p.sessions[0];
        long rollbacks = s0.rollbacks();
        long received = s0.inputsRecvP2p();
        Message.Input dup = new Message.Input(1, 20, List.of(new Message.FrameAction(20, (BOT.action(1, 0, 20) + 1) % 6)));
        s0.onMessage(dup, p.nowMs);
        p.ticks(2);
        assertEquals(rollbacks, s0.rollbacks(), "a second value for a confirmed frame is ignored");
        assertTrue(s0.inputsRecvP2p() >= received);
    }

    @Test
    void sessionsInLockstepConditionsExportTheLockstepTrajectoryAcrossEpisodes() {
        SessionPair p = pair(120, 3);
        p.ticks(500);
        assertBothFinishedOnTheLockstepTrajectory(p, 3);
        assertTrue(p.sessions[0].verifiedFrame() >= 100, "verified " + p.sessions[0].verifiedFrame());
    }

    @Test
    void staleInputOfThePreviousEpisodeIsNeverUsedInTheNext() {
        SessionPair p = pair(120, 2);
        List<Message.Input> stale = new ArrayList<>();
        p.deliver = (from, m) -> {
            if (from == 1 && m instanceof Message.Input in && p.sessions[1].episode() == 0
                    && in.currentFrame() > 100) {
                stale.add(in);
            }
            return true;
        };
        while (p.sessions[0].episode() == 0 || p.sessions[0].frame() < 3) {
            p.tick();
        }
        assertTrue(!stale.isEmpty());
        // Deliver every late packet of episode 0 again at each of the next frames of episode 1, and craft one more
        // that looks like an early packet of episode 1 would if an old sender repeated it.
        long droppedBefore = p.sessions[0].inputsDroppedStale();
        for (int i = 0; i < 60; i++) {
            for (Message.Input in : stale) {
                p.sessions[0].onMessage(in, p.nowMs);
            }
            p.tick();
        }
        assertTrue(p.sessions[0].inputsDroppedStale() > droppedBefore, "stale inputs counted as dropped");
        p.ticks(200);
        List<List<FrameRecord>> lockstep = Lockstep.run(new CounterGame(120, 0), 9, 2, 2, 0, BOT);
        assertNull(Lockstep.firstDifference(byEpisode(p.records.get(0)), lockstep));
        assertEquals(0, p.sessions[0].desyncs());
    }

    @Test
    void inputsArrivingBeforeThePeersReadyAreDropped() {
        SessionPair p = pair(120, 2);
        RollbackSession s0 = p.sessions[0];
        s0.addLocalInput(0);
        p.runners[0].run(s0.advanceFrame(0), s0, 0); // reset; waiting for peer 1's READY
        s0.onMessage(new Message.Input(1, 5, List.of(new Message.FrameAction(5, 3))), 1);
        assertEquals(1, s0.inputsDroppedStale());
    }

    @Test
    void withAnEpisodeStartTimeoutAPeerWhoseReadyNeverCameStartsWithoutItAndTheDataStillMatches() {
        // A MUG page waits 5 s for its partner's EPISODE_READY, then starts anyway: a partner of a page must too.
        SessionConfig c = CONFIG.toBuilder().episodes(1).episodeStartTimeout(Duration.ofMillis(500)).build();
        SessionPair p = new SessionPair(c, new CounterGame(120, 0), new CounterGame(120, 0), 9, 9, BOT);
        p.deliver = (from, m) -> !(from == 1 && m instanceof Message.EpisodeReady); // peer 1's READY is lost
        p.ticks(25); // 400 ms
        assertEquals(RollbackSession.State.WAITING_FOR_PEER, p.sessions[0].state(), "still within the timeout");
        assertEquals(RollbackSession.State.RUNNING, p.sessions[1].state(), "peer 1 had peer 0's READY");
        p.ticks(10);
        SessionEvent.EpisodeStartedWithoutPeer alone = p.events.get(0).stream()
                .filter(SessionEvent.EpisodeStartedWithoutPeer.class::isInstance)
                .map(SessionEvent.EpisodeStartedWithoutPeer.class::cast).findFirst().orElseThrow();
        assertEquals(0, alone.episode());
        assertTrue(alone.waitedMs() >= 500 && alone.waitedMs() < 520, "waited " + alone.waitedMs() + " ms");
        p.ticks(400);
        assertBothFinishedOnTheLockstepTrajectory(p, 1);
    }

    @Test
    void withoutAnEpisodeStartTimeoutAPeerWaitsForTheOthersReady() {
        SessionPair p = pair(120, 1);
        p.deliver = (from, m) -> !(from == 1 && m instanceof Message.EpisodeReady);
        p.ticks(400); // 6.4 s
        assertEquals(RollbackSession.State.WAITING_FOR_PEER, p.sessions[0].state());
        assertTrue(p.events.get(0).stream().noneMatch(SessionEvent.EpisodeStartedWithoutPeer.class::isInstance));
    }

    @Test
    void aPeerThatFellBehindItsPartnersPacketsCatchesUpInsteadOfWaitingOnAStaleRemoteFrame() {
        // Peer 0's loop is starved for a while (as on a loaded machine) and peer 1 runs on: once peer 0 is back,
        // peer 1's packets start further ahead than its confirmed inputs (beyond the redundancy), so they do not
        // connect. They still show how far peer 1 is; a remote frame frozen at the stall made time sync hold
        // peer 0 back as if it were hundreds of frames ahead, and the pair crawled on INPUT_REQUESTs.
        SessionConfig c = SessionConfig.builder().actionCount(6).episodes(1).build(); // time sync on
        SessionPair p = new SessionPair(c, new CounterGame(3_000, 0), new CounterGame(3_000, 0), 9, 9, BOT);
        p.ticks(60);
        p.deliver = (from, m) -> !(from == 1 && m instanceof Message.Input); // a burst of loss, then
        p.ticks(20);
        p.deliver = (from, m) -> true;
        for (int i = 0; i < 12; i++) {
            p.nowMs += 16;
            p.tickOne(1); // peer 0 is not scheduled; what peer 1 sends piles up for it
        }
        int before = p.sessions[0].frame();
        p.ticks(300);
        RollbackSession s0 = p.sessions[0];
        RollbackSession s1 = p.sessions[1];
        assertTrue(s0.frame() - before > 250, "peer 0 went on at nearly full speed: " + before + " -> "
                + s0.frame() + ", stalls " + s0.stalls());
        assertTrue(Math.abs(s0.remoteFrame() - s1.frame()) < 20, "peer 0's view of peer 1's frame is current: "
                + s0.remoteFrame() + " vs " + s1.frame());
        assertTrue(Math.abs(s0.frameAdvantage()) < 10, "advantage " + s0.frameAdvantage());
    }

    @Test
    void differentInitialStatesAreReportedAsReadyMismatch() {
        SessionConfig c = CONFIG.toBuilder().episodes(1).build();
        SessionPair p = new SessionPair(c, new CounterGame(100, 0), new CounterGame(100, 0), 1, 2, BOT);
        p.ticks(3);
        assertTrue(p.events.get(0).stream().anyMatch(e -> e instanceof SessionEvent.EpisodeReadyMismatch),
                "events " + p.events.get(0));
    }

    @Test
    void unconfirmableEpisodeEndIsPromotedFlaggedAfterTheTimeout() {
        SessionConfig c = CONFIG.toBuilder().episodes(1).episodeEndConfirmTimeout(Duration.ofMillis(500)).build();
        SessionPair p = new SessionPair(c, new CounterGame(100, 0), new CounterGame(100, 0), 9, 9, BOT);
        while (p.sessions[0].frame() < 96) {
            p.tick();
        }
        p.deliver = (from, m) -> from == 0; // peer 1 goes silent
        p.ticks(10);
        assertEquals(RejectReason.WAITING_FOR_CONFIRMATION, p.lastResults.get(0).rejectReason());
        assertEquals(100, p.sessions[0].frame(), "never steps past a speculative end");
        p.ticks(40); // 640 ms > 500 ms timeout
        RollbackSession s0 = p.sessions[0];
        assertEquals(RollbackSession.State.FINISHED, s0.state());
        List<FrameRecord> rows = p.records.get(0);
        assertEquals(100, rows.size());
        assertTrue(rows.get(99).localUnconfirmed());
        assertTrue(!rows.get(90).localUnconfirmed());
        assertTrue(s0.unconfirmedFrames() >= 1);
        assertTrue(p.events.get(0).stream().anyMatch(e -> e instanceof SessionEvent.UnconfirmedPromotion));
        assertTrue(s0.inputRequestsSent() >= 1, "asked for the missing inputs while waiting");
    }

    @Test
    void inputRequestIsAnsweredFromTheLocalInputs() {
        SessionPair p = pair(1000, 1);
        p.ticks(20);
        RollbackSession s1 = p.sessions[1];
        s1.onMessage(new Message.InputRequest(5, 9), p.nowMs);
        List<Message> out = new ArrayList<>();
        s1.drainOutgoing(out::add);
        Message.InputResponse r = (Message.InputResponse) out.stream()
                .filter(m -> m instanceof Message.InputResponse).findFirst().orElseThrow();
        assertEquals(1, r.playerIndex());
        assertEquals(5, r.inputs().size());
        assertEquals(BOT.action(1, 0, 7), r.inputs().get(2).action());
    }

    @Test
    void eventsAreCappedWhenTheCallerNeverDrainsThem() {
        SessionConfig c = CONFIG.toBuilder().eventCapacity(16).build();
        SessionPair p = new SessionPair(c, new CounterGame(100_000, 0), new CounterGame(100_000, 0), 9, 9, BOT);
        p.deliver = (from, m) -> from == 0 || p.nowMs % 96 == 0; // peer 1's inputs come in bursts: many rollbacks
        for (int i = 0; i < 2000; i++) {
            p.nowMs += 16;
            for (int q = 0; q < 2; q++) {
                List<Message> msgs = new ArrayList<>(p.inFlight.get(q));
                p.inFlight.get(q).clear();
                for (Message m : msgs) {
                    p.sessions[q].onMessage(m, p.nowMs);
                }
            }
            for (int q = 0; q < 2; q++) {
                RollbackSession s = p.sessions[q];
                if (s.state() == RollbackSession.State.RUNNING) {
                    s.addLocalInput(BOT.action(q, s.episode(), s.localInputFrame()));
                }
                p.runners[q].run(s.advanceFrame(p.nowMs), s, p.nowMs);
                int from = q;
                s.drainOutgoing(m -> {
                    if (p.deliver.test(from, m)) {
                        p.inFlight.get(1 - from).add(m);
                    }
                });
                s.drainConfirmed(r -> { });
            }
        }
        // Peer 0 falls behind after its first stalls (no time sync here), so peer 1 predicts and rolls back.
        assertTrue(p.sessions[0].rollbacks() + p.sessions[1].rollbacks() > 100,
                "rollbacks " + p.sessions[0].rollbacks() + " + " + p.sessions[1].rollbacks());
        RollbackSession busy = p.sessions[0].rollbacks() > p.sessions[1].rollbacks() ? p.sessions[0] : p.sessions[1];
        assertEquals(16, busy.pendingEventCount());
        assertTrue(busy.eventsDropped() > 0);
    }

    @Test
    void inputsThatArriveOnlyOverTheRelayConfirmFramesAndAreCountedAsRelay() {
        SessionPair p = pair(300, 1);
        // Peer 1's INPUT packets never reach peer 0 directly; each of their inputs comes through the relay instead.
        p.deliver = (from, m) -> {
            if (from == 1 && m instanceof Message.Input in) {
                for (Message.FrameAction fa : in.inputs()) {
                    p.sessions[0].onRemoteInput(fa.frame(), fa.action(), InputPath.RELAY, p.nowMs);
                }
                return false;
            }
            return true;
        };
        p.ticks(400);
        RollbackSession s0 = p.sessions[0];
        assertEquals(RollbackSession.State.FINISHED, s0.state());
        assertEquals(0, s0.inputsRecvP2p());
        // Frames 2..301: every sampled input counted once (the last two were sampled before the end was known).
        assertEquals(300, s0.inputsRecvRelay(), "each input counted once");
        // Relayed inputs are the news of the other peer's progress: the remote frame and verification keep up.
        assertTrue(s0.remoteFrame() >= 290, "remote frame " + s0.remoteFrame());
        assertEquals(299, s0.verifiedFrame(), "every frame verified by hashes, the last one included");
        List<List<FrameRecord>> lockstep = Lockstep.run(new CounterGame(300, 0), 9, 1, 2, 0, BOT);
        assertNull(Lockstep.firstDifference(byEpisode(p.records.get(0)), lockstep));
    }
}
