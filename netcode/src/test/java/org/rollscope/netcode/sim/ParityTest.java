package org.rollscope.netcode.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.game.ReferenceGame;
import org.rollscope.netcode.game.bot.Bot;
import org.rollscope.netcode.game.bot.Bots;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * Rollback reproduces the lockstep trajectory exactly, on both peers, over many seeds and links: the reference game
 * (short matches, so episodes end naturally as well as by truncation) played by the seeded random bots.
 */
class ParityTest {

    static Stream<Arguments> seedsAndLinks() {
        LinkProfile[] links = {
                new LinkProfile(0, 0, 0, 0, 0, 0),
                new LinkProfile(20, 30, 0.05, 0, 0, 0),
                new LinkProfile(50, 30, 0.1, 0.05, 0.1, 0),
                new LinkProfile(100, 30, 0.3, 0.1, 0.1, 0),
                new LinkProfile(150, 30, 0.15, 0.2, 0.3, 0),
                new LinkProfile(250, 30, 0.2, 0.05, 0.1, 0),
                new LinkProfile(80, 30, 0.1, 0, 0.1, 64),
        };
        Stream.Builder<Arguments> b = Stream.builder();
        for (int i = 0; i < links.length; i++) {
            for (long seed = 1; seed <= 8; seed++) {
                b.add(Arguments.of(seed * 1000 + i, links[i]));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "seed {0} link {1}")
    @MethodSource("seedsAndLinks")
    void bothPeersExportTheLockstepTrajectory(long seed, LinkProfile link) {
        int episodes = 3;
        ReferenceGame.Config game = new ReferenceGame.Config(1800, 3);
        SessionConfig config = SessionConfig.builder().actionCount(new ReferenceGame(game).actionCount()).build();
        Bot[] bots = {Bots.parse("random", seed, 0), Bots.parse("random", seed, 1)};
        ActionSource actions = (p, e, f) -> bots[p].action(e, f);
        Simulator.Result r = new Simulator(Simulator.options()
                .seed(seed).episodes(episodes).link(link).config(config)
                .games(() -> new ReferenceGame(game)).actions(actions)).run();
        List<List<FrameRecord>> lockstep = Lockstep.run(new ReferenceGame(game), seed, episodes,
                config.inputDelay(), config.defaultAction(), actions);
        String ctx = " (seed " + seed + ", link " + link + ")";
        assertTrue(r.finished(), "run finished" + ctx + " " + r.summary0() + " " + r.summary1());
        assertNull(Lockstep.firstDifference(r.peer0(), r.peer1()), "peer0 vs peer1" + ctx);
        assertNull(Lockstep.firstDifference(r.peer0(), lockstep), "peer0 vs lockstep" + ctx);
        assertEquals(0, r.summary0().desyncs() + r.summary1().desyncs(), "desyncs" + ctx);
        assertEquals(0, r.summary0().unconfirmedFrames() + r.summary1().unconfirmedFrames(), "unconfirmed" + ctx);
        assertTrue(r.summary0().maxRollbackDepth() <= config.predictionWindow(), "depth" + ctx);
        assertTrue(r.summary1().maxRollbackDepth() <= config.predictionWindow(), "depth" + ctx);
    }

    static Stream<Arguments> delaysWindowsAndClocks() {
        return Stream.of(
                Arguments.of(0, 8, 1.0), Arguments.of(1, 4, 1.0), Arguments.of(4, 12, 1.0), Arguments.of(2, 8, 1.02),
                Arguments.of(2, 8, 0.97), Arguments.of(3, 1, 1.0), Arguments.of(0, 30, 1.01));
    }

    @ParameterizedTest(name = "delay {0} window {1} peer1 clock {2}")
    @MethodSource("delaysWindowsAndClocks")
    void parityHoldsForAnyDelayWindowAndClockDrift(int delay, int window, double clock) {
        long seed = 77L * delay + window;
        ReferenceGame.Config game = new ReferenceGame.Config(1200, 3);
        SessionConfig config = SessionConfig.builder().inputDelay(delay).predictionWindow(window)
                .actionCount(new ReferenceGame(game).actionCount()).build();
        Bot[] bots = {Bots.parse("random", seed, 0), Bots.parse("scripted", seed, 1)};
        ActionSource actions = (p, e, f) -> bots[p].action(e, f);
        LinkProfile link = new LinkProfile(70, 30, 0.1, 0.05, 0.05, 0);
        Simulator.Result r = new Simulator(Simulator.options().seed(seed).episodes(2).link(link).config(config)
                .clockRates(1.0, clock).games(() -> new ReferenceGame(game)).actions(actions)).run();
        List<List<FrameRecord>> lockstep = Lockstep.run(new ReferenceGame(game), seed, 2, delay, 0, actions);
        String ctx = " (seed " + seed + ", delay " + delay + ", window " + window + ", clock " + clock + ")";
        assertTrue(r.finished(), "finished" + ctx);
        assertNull(Lockstep.firstDifference(r.peer0(), r.peer1()), "peer0 vs peer1" + ctx);
        assertNull(Lockstep.firstDifference(r.peer1(), lockstep), "peer1 vs lockstep" + ctx);
        assertTrue(r.summary0().maxRollbackDepth() <= window && r.summary1().maxRollbackDepth() <= window, ctx);
        assertEquals(0, r.summary0().desyncs() + r.summary1().desyncs(), "desyncs" + ctx);
    }

    static Stream<Arguments> harshLinks() {
        Stream.Builder<Arguments> b = Stream.builder();
        LinkProfile[] links = {
                new LinkProfile(250, 30, 0.3, 0.1, 0.2, 0),
                new LinkProfile(150, 30, 0.2, 0.3, 0.3, 0),
                new LinkProfile(40, 30, 0.3, 0.2, 0.5, 0),
        };
        for (LinkProfile link : links) {
            for (long seed = 1; seed <= 20; seed++) {
                b.add(Arguments.of(seed, link));
            }
        }
        return b.build();
    }

    /** Short episodes (often well under a second) over harsh links: the stale-episode rule under pressure. */
    @ParameterizedTest(name = "seed {0} link {1}")
    @MethodSource("harshLinks")
    void shortEpisodesOverHarshLinksKeepParity(long seed, LinkProfile link) {
        int episodes = 8;
        ReferenceGame.Config game = new ReferenceGame.Config(120, 1);
        SessionConfig config = SessionConfig.builder().actionCount(new ReferenceGame(game).actionCount()).build();
        Bot[] bots = {Bots.parse("random", seed, 0), Bots.parse("random", seed, 1)};
        ActionSource actions = (p, e, f) -> bots[p].action(e, f);
        Simulator.Result r = new Simulator(Simulator.options().seed(seed).episodes(episodes).link(link)
                .config(config).games(() -> new ReferenceGame(game)).actions(actions)).run();
        List<List<FrameRecord>> lockstep = Lockstep.run(new ReferenceGame(game), seed, episodes,
                config.inputDelay(), config.defaultAction(), actions);
        String ctx = " (seed " + seed + ", link " + link + ")";
        assertTrue(r.finished(), "finished" + ctx + " " + r.summary0() + " " + r.summary1());
        assertNull(Lockstep.firstDifference(r.peer0(), lockstep), "peer0 vs lockstep" + ctx);
        assertNull(Lockstep.firstDifference(r.peer1(), lockstep), "peer1 vs lockstep" + ctx);
        assertEquals(0, r.summary0().desyncs() + r.summary1().desyncs(), "desyncs" + ctx + " " + r.events0());
        assertEquals(0, r.summary0().unconfirmedFrames() + r.summary1().unconfirmedFrames(), "unconfirmed" + ctx);
    }
}
