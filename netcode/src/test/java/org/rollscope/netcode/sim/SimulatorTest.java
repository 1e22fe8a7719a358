package org.rollscope.netcode.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.engine.SessionEvent;
import org.rollscope.netcode.input.InputQueue;
import org.rollscope.netcode.sync.StateHashes;
import org.rollscope.netcode.testgame.CounterGame;
import org.rollscope.netcode.testgame.TestBots;
import org.rollscope.netcode.testing.RetainedHeap;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.wire.Message;

/** Behaviour of two peers under simulated links: rollbacks, stalls, time sync, desync detection, bounded memory. */
class SimulatorTest {

    private static final SessionConfig CONFIG = SessionConfig.builder().actionCount(6).build();

    private static Simulator.Options base(long seed, int episodes, int frames) {
        return Simulator.options().seed(seed).episodes(episodes).config(CONFIG)
                .games(() -> new CounterGame(frames, 0)).actions(TestBots.sticky(seed, 6));
    }

    @Test
    void rollbacksHappenUnderLatencyAndAreNeverDeeperThanTheWindow() {
        Simulator.Result r = new Simulator(base(11, 2, 3600).link(new LinkProfile(100, 30, 0.05, 0, 0, 0))).run();
        assertTrue(r.finished());
        for (PeerSummary s : List.of(r.summary0(), r.summary1())) {
            assertTrue(s.rollbacks() > 50, "rollbacks " + s);
            assertTrue(s.rollbackFrames() >= s.rollbacks());
            assertTrue(s.maxRollbackDepth() >= 2 && s.maxRollbackDepth() <= CONFIG.predictionWindow(), "depth " + s);
            assertEquals(0, s.desyncs());
            assertTrue(s.verifiedFrame() >= 3500, "hashes verified up to the end: " + s);
        }
        assertNull(Lockstep.firstDifference(r.peer0(), r.peer1()));
    }

    @Test
    void peersStallWhenTheLinkOutrunsThePredictionWindow() {
        // 250 ms one way = 15 frames, beyond 2 (delay) + 8 (window): the peers must wait.
        Simulator.Result r = new Simulator(base(12, 1, 1200).link(new LinkProfile(250, 0, 0, 0, 0, 0))).run();
        assertTrue(r.finished());
        assertTrue(r.summary0().stalls() > 100, "stalls " + r.summary0());
        assertTrue(r.summary1().stalls() > 100, "stalls " + r.summary1());
        assertTrue(r.summary0().maxRollbackDepth() <= 8);
        Simulator.Result fast = new Simulator(base(12, 1, 1200).link(new LinkProfile(30, 0, 0, 0, 0, 0))).run();
        assertEquals(0, fast.summary0().stalls(), "no stalls when the link fits the window");
    }

    @Test
    void aRunningPeerSendsOneInputPacketPerNewFrameEvenWhileItWaits() {
        // 250 ms one way stalls both peers many times; a stalled tick must not send its newest inputs again, or a
        // lost first copy would not count as a gap (gap_rate would read below the real loss).
        java.util.Map<Long, Integer> copies = new java.util.HashMap<>();
        int[] newest = {-1};
        Simulator.Result r = new Simulator(base(12, 1, 1200).link(new LinkProfile(250, 0, 0, 0, 0, 0))
                .delayer((from, m, episode, t) -> {
                    if (from == 0 && m instanceof Message.Input in) {
                        copies.merge((long) in.currentFrame(), 1, Integer::sum);
                        newest[0] = Math.max(newest[0], in.currentFrame());
                    }
                    return 0;
                })).run();
        assertTrue(r.summary0().stalls() > 100, "the peer waited: " + r.summary0());
        List<Long> repeated = copies.entrySet().stream().filter(e -> e.getValue() > 1 && e.getKey() < newest[0])
                .map(java.util.Map.Entry::getKey).toList();
        assertEquals(List.of(), repeated, "frames sent twice before the episode's end");
        assertTrue(copies.get((long) newest[0]) > 1, "after the end, the last inputs go again until the other ends");
    }

    @Test
    void timeSyncKeepsAPeerWithA2PercentFasterClockWithinAFewFrames() {
        SessionConfig on = CONFIG;
        Simulator.Result r = new Simulator(base(13, 1, 7200).config(on).clockRates(1.02, 1.0)
                .link(new LinkProfile(60, 20, 0.02, 0, 0, 0))).run();
        assertTrue(r.finished());
        assertTrue(r.summary0().timeSyncWaits() > 50, "the fast peer waits: " + r.summary0());
        assertTrue(r.summary0().maxAbsFrameAdvantage() <= 4.5, "advantage stays small: " + r.summary0());
        assertTrue(r.summary1().timeSyncWaits() < r.summary0().timeSyncWaits() / 3, "the slow one rarely: "
                + r.summary1());
        assertTrue(r.summary0().stalls() < 50, "time sync, not the window, absorbs the drift: " + r.summary0());

        Simulator.Result off = new Simulator(base(13, 1, 7200).config(on.toBuilder().timeSync(false).build())
                .clockRates(1.02, 1.0).link(new LinkProfile(60, 20, 0.02, 0, 0, 0))).run();
        assertTrue(off.summary0().stalls() > r.summary0().stalls() + 50,
                "without time sync the fast peer runs into the window: " + off.summary0());
        assertNull(Lockstep.firstDifference(r.peer0(), off.peer0()), "same data either way");
    }

    @Test
    void injectedStateCorruptionIsDetectedAsADesyncWithinAFewFrames() {
        int corruptFrame = 500;
        Simulator.Result r = new Simulator(base(14, 1, 1200).link(new LinkProfile(40, 10, 0.05, 0, 0, 0))
                .runnerHook(1, runner -> runner.corruptAt(0, corruptFrame, state -> state[3] += 1))).run();
        for (List<SessionEvent> events : List.of(r.events0(), r.events1())) {
            List<SessionEvent.Desync> desyncs = events.stream().filter(e -> e instanceof SessionEvent.Desync)
                    .map(e -> (SessionEvent.Desync) e).toList();
            assertTrue(!desyncs.isEmpty(), "desync reported: " + events);
            // Detected at once: the first report names a frame at most a few frames after the corruption (the
            // corrupted frame's own hash may be lost and compared a little later), and frame 500 is among them.
            assertTrue(desyncs.get(0).frame() <= corruptFrame + 5, "first report " + desyncs.get(0));
            SessionEvent.Desync d = desyncs.stream().filter(x -> x.frame() == corruptFrame).findFirst().orElseThrow();
            assertTrue(d.localHash() != d.remoteHash());
            assertEquals(CounterGame.SNAPSHOT_SIZE, d.localState().length);
            assertEquals(corruptFrame + 1, d.localState()[0], "state after the frame");
        }
        assertTrue(r.summary1().desyncs() > 0 && r.summary0().lastDesyncFrame() >= corruptFrame);
        assertTrue(r.summary0().verifiedFrame() < corruptFrame, "nothing verified past the corruption");
    }

    @Test
    void hashLossDoesNotLeaveFramesUnverified() {
        // 30 % loss both ways: about one STATE_HASH in three is lost, yet every frame up to the last verifies.
        Simulator.Result r = new Simulator(base(15, 1, 2000).link(new LinkProfile(30, 10, 0.3, 0, 0, 0))).run();
        assertTrue(r.finished());
        assertEquals(1999, r.summary0().verifiedFrame(), "verified " + r.summary0());
        assertEquals(1999, r.summary1().verifiedFrame(), "verified " + r.summary1());
    }

    @Test
    void sparseHashIntervalStillVerifiesTheLastFrameOfEachEpisode() {
        SessionConfig sparse = CONFIG.toBuilder().hashInterval(10).build();
        Simulator.Result r = new Simulator(base(18, 2, 995).config(sparse)
                .link(new LinkProfile(60, 20, 0.1, 0, 0, 0))).run();
        assertTrue(r.finished());
        assertEquals(994, r.summary0().verifiedFrame(), "the episode's last frame is always hashed");
        assertEquals(994, r.summary1().verifiedFrame());
        assertNull(Lockstep.firstDifference(r.peer0(), r.peer1()));
    }

    @Test
    void lateInputPacketsOfTheEndedEpisodeAreDroppedAndParityHolds() {
        int frames = 600;
        Simulator.Result r = new Simulator(base(16, 3, frames).link(new LinkProfile(30, 10, 0.02, 0, 0, 0))
                .delayer((from, m, episode, t) -> m instanceof Message.Input in && in.currentFrame() > frames - 12
                        ? 700 : 0)).run();
        assertTrue(r.finished());
        assertTrue(r.summary0().inputsDroppedStale() + r.summary1().inputsDroppedStale() > 0, "late packets came");
        List<List<FrameRecord>> lockstep = Lockstep.run(new CounterGame(frames, 0), 16, 3, 2, 0,
                TestBots.sticky(16, 6));
        assertNull(Lockstep.firstDifference(r.peer0(), lockstep));
        assertNull(Lockstep.firstDifference(r.peer1(), lockstep));
    }

    @Test
    void millionFrameSessionKeepsEveryBufferBounded() {
        int frames = 1_000_000;
        AtomicInteger maxPendingConfirmed = new AtomicInteger();
        AtomicInteger maxPendingEvents = new AtomicInteger();
        AtomicInteger snapshotCapacity = new AtomicInteger();
        // Retained heap after a full GC, measured at two points of the run: flat means nothing grows with the frames.
        int[] measureAt = {200_000, 900_000};
        long[] retained = new long[measureAt.length];
        AtomicInteger nextMeasure = new AtomicInteger();
        Simulator.Result r = new Simulator(base(17, 1, frames).keepRecords(false).maxVirtualMs(frames * 1000.0 / 60 * 1.5)
                .link(new LinkProfile(50, 20, 0.05, 0.01, 0.01, 0))
                .tickObserver((s, p) -> {
                    maxPendingConfirmed.accumulateAndGet(s.pendingConfirmedCount(), Math::max);
                    maxPendingEvents.accumulateAndGet(s.pendingEventCount(), Math::max);
                    snapshotCapacity.accumulateAndGet(s.snapshotCapacity(), Math::max);
                    int i = nextMeasure.get();
                    if (p == 0 && i < measureAt.length && s.frame() >= measureAt[i]) {
                        retained[i] = RetainedHeap.bytes();
                        nextMeasure.incrementAndGet();
                    }
                })).run();
        System.out.printf("engine retained heap: %.1f MB at frame %d, %.1f MB at frame %d%n", retained[0] / 1e6,
                measureAt[0], retained[1] / 1e6, measureAt[1]);
        assertEquals(measureAt.length, nextMeasure.get(), "measured at both points");
        assertTrue(retained[1] - retained[0] < RetainedHeap.TOLERANCE_BYTES, "retained heap grew from "
                + retained[0] + " to " + retained[1] + " bytes over 700,000 frames");
        assertTrue(r.finished(), "ran to the end: " + r.summary0());
        assertEquals(frames - 1, r.summary0().confirmedFrame());
        assertTrue(r.summary0().rollbacks() > 10_000, "exercised rollbacks: " + r.summary0());
        assertEquals(0, maxPendingConfirmed.get(), "drained every tick");
        assertEquals(0, maxPendingEvents.get());
        assertEquals(CONFIG.predictionWindow() + 4, snapshotCapacity.get());
        assertTrue(InputQueue.CAPACITY == 256 && StateHashes.CAPACITY == 64, "fixed rings");
        assertTrue(r.summary0().verifiedFrame() >= frames - 2);
    }
}
