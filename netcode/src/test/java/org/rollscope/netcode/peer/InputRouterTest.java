package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.sim.ActionSource;
import org.rollscope.netcode.testgame.TestBots;
import org.rollscope.netcode.transport.ChannelState;

/**
 * No input is lost in a switch (architecture.md, README "Fallback policy"): the real router, policy and engines, with
 * a switch at every tick of a two-episode session (mid-episode, mid loss burst, across episode boundaries), switches
 * back and forth every few ticks, and a return to P2P while the relay refuses. Every input of A reaches B's engine
 * exactly once, with the value A sampled, and none later than the documented bound: the tick after the first tick
 * (from its sampling on) at which A sent new inputs on a path that works. An input lost on the old path is therefore
 * re-sent in the very tick the relay path starts (the last {@link InputRouter#RESEND_ON_SWITCH} inputs go again).
 */
class InputRouterTest {
    private static final int EPISODES = 2;
    private static final int FRAMES = 60;
    private static final int MAX_TICKS = 2_000;
    private static final ActionSource ACTIONS = TestBots.jumpy(11, 6);
    private static final SessionConfig CONFIG = SessionConfig.builder().actionCount(6).episodes(EPISODES).build();

    @Test
    void forcedFallbackAtEveryTickInTheMiddleOfALossBurst() {
        // A short burst at every tick; longer ones every 7th tick (7 is prime to time sync's ~11-tick rhythm, so the
        // switch still meets every phase of it).
        for (int burst : new int[] {2, 12, 40}) {
            for (int switchTick = burst + 1; switchTick < EPISODES * FRAMES + 30; switchTick += burst == 2 ? 1 : 7) {
                int s = switchTick;
                int lossFrom = s - burst;
                runAndCheck("forced at tick " + s + " after " + burst + " ticks of P2P loss", (h, t) -> {
                    h.p2pDelivers = t < lossFrom;
                    if (t == s) {
                        h.selector.force(h.nowMs);
                    }
                });
            }
        }
    }

    @Test
    void channelFailureAtEveryTickInTheMiddleOfALossBurst() {
        for (int switchTick = 6; switchTick < EPISODES * FRAMES + 30; switchTick++) {
            int s = switchTick;
            runAndCheck("channel failed at tick " + s + " after 5 ticks of P2P loss", (h, t) -> {
                h.p2pDelivers = t < s - 5;
                if (t >= s) {
                    h.channel = ChannelState.FAILED;
                }
            });
        }
    }

    @Test
    void switchesBackAndForthEveryFewTicks() {
        for (int period : new int[] {1, 2, 3, 5, 8, 13}) {
            for (int phase = 0; phase < period * 2; phase++) {
                int p = period;
                int start = 10 + phase;
                runAndCheck("forced/restored every " + p + " ticks from tick " + start, (h, t) -> {
                    boolean forced = t >= start && ((t - start) / p) % 2 == 0;
                    h.p2pDelivers = !forced; // the old path loses everything while the relay is forced
                    if (forced && !h.selector.isForced()) {
                        h.selector.force(h.nowMs);
                    } else if (!forced && h.selector.isForced()) {
                        h.selector.restore(ChannelState.UP, h.nowMs);
                    }
                });
            }
        }
    }

    @Test
    void returnToP2pAtEveryTickWhileTheRelayRefuses() {
        for (int restoreTick = 21; restoreTick < EPISODES * FRAMES + 30; restoreTick++) {
            int s = restoreTick;
            runAndCheck("forced at 20, restored at " + s + ", relay refusing from then on", (h, t) -> {
                h.p2pDelivers = t < 20 || t >= s;
                h.relayAccepts = t < s;
                if (t == 20) {
                    h.selector.force(h.nowMs);
                } else if (t == s) {
                    h.selector.restore(ChannelState.UP, h.nowMs);
                }
            });
        }
    }

    @Test
    void aRelayThatCarriesOnlyInputsLeavesEpisodeSyncOnTheOpenChannelAfterAForcedFallback() {
        // MUG's server relays inputs but no wire packet: a page that fell back keeps EPISODE_END/READY on its open
        // DataChannel, and so must we, or neither side hears the other's episode boundary.
        for (int forceTick : new int[] {5, FRAMES - 3, FRAMES + 5}) {
            runAndCheck("forced at tick " + forceTick + ", relay carrying inputs only", (h, t) -> {
                h.relayCarriesPackets = false;
                if (t == forceTick) {
                    h.selector.force(h.nowMs);
                }
            });
        }
    }

    private static void runAndCheck(String scenario, ObjIntConsumer<RouterHarness> script) {
        RouterHarness h = new RouterHarness(CONFIG, FRAMES, ACTIONS);
        IntConsumer perTick = t -> script.accept(h, t);
        h.run(MAX_TICKS, perTick);
        assertTrue(h.a.state() == RollbackSession.State.FINISHED && h.b.state() == RollbackSession.State.FINISHED,
                scenario + ": both sessions finish; A " + h.a.telemetryState() + " B " + h.b.telemetryState()
                        + " at tick " + h.tick);
        assertEquals(List.of(), h.violations, scenario);
        List<String> late = new ArrayList<>();
        for (FrameRecord r : h.recordsB) {
            if (r.frame() < CONFIG.inputDelay()) {
                continue; // the agreed default inputs, never sent
            }
            long key = RouterHarness.key(r.episode(), r.frame());
            assertEquals(ACTIONS.action(0, r.episode(), r.frame()), r.action0(),
                    scenario + ": B's data carries A's input at episode " + r.episode() + " frame " + r.frame());
            Integer accepted = h.acceptedAt.get(key);
            Integer sampled = h.sampledAt.get(key);
            assertTrue(accepted != null && sampled != null, scenario + ": episode " + r.episode() + " frame "
                    + r.frame() + " sampled at " + sampled + ", accepted at " + accepted);
            int bound = h.firstDeliveringTickFrom(sampled) + 1;
            if (accepted > bound) {
                late.add("episode " + r.episode() + " frame " + r.frame() + ": sampled at tick " + sampled
                        + ", accepted at " + accepted + ", bound " + bound + " (modes from sampling: "
                        + h.modeAt.subList(sampled - 1, Math.min(accepted, h.modeAt.size())) + ")");
            }
        }
        assertEquals(List.of(), late, scenario + ": inputs later than the tick after a working path carried them");
        assertEquals(h.acceptedAt.size(), h.acceptedCount(), scenario + ": every input taken by B's engine once");
    }
}
