package org.rollscope.netcode.fidelity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.game.ReferenceGame;
import org.rollscope.netcode.sim.Simulator;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The engine's own figures against what the link implies, on the simulator's virtual clock (exact, and a minute of
 * play in a second): {@code frame - confirmed_frame} (the confirmation lag) and {@code frame_advantage}, for 0, 30, 60
 * and 150 ms one way, with the round trip split evenly and all on one side.
 *
 * <p>The model: the other peer's input for frame {@code f + delay} leaves when it simulates {@code f} and arrives
 * {@code L / frame_ms} frames later, so the lag is {@code max(0, L / frame_ms - delay)} frames plus the two frames by
 * which confirmation always trails (the frame being simulated and the one whose input just arrived), within one frame
 * of quantisation; time sync keeps the advantage, corrected for half the RTT, within a frame of zero whatever the
 * split. The printed figures are in docs/metrics.md.
 */
class EngineFidelityTest {
    private static final int DELAY = SessionConfig.builder().build().inputDelay();

    @Test
    void confirmationLagAndFrameAdvantageFollowTheLink() {
        List<String> failures = new ArrayList<>();
        for (double oneWay : new double[] {0, 30, 60, 150}) {
            for (double[] links : new double[][] {{oneWay, oneWay}, {0, 2 * oneWay}}) {
                List<Integer> lags = new ArrayList<>();
                List<Double> advantages = new ArrayList<>();
                SessionConfig config = SessionConfig.builder().actionCount(6).build();
                Simulator.Result r = new Simulator(Simulator.options().seed(3).episodes(1).config(config)
                        .games(() -> new ReferenceGame(new ReferenceGame.Config(3_600, 1_000_000)))
                        .actions((player, episode, frame) -> (frame / 7 + player) % 6)
                        .links(new LinkProfile(links[0], 0, 0, 0, 0, 0), new LinkProfile(links[1], 0, 0, 0, 0, 0))
                        .tickObserver((s, player) -> {
                            if (player == 0 && s.state() == RollbackSession.State.RUNNING && s.frame() > 300) {
                                lags.add(s.frame() - s.confirmedFrame());
                                advantages.add(s.frameAdvantage());
                            }
                        })).run();
                assertTrue(r.finished(), "the session finished");
                double meanOneWay = (links[0] + links[1]) / 2;
                double modelLag = Math.max(0, meanOneWay / config.frameMs() - DELAY) + 2;
                int lag = lags.stream().sorted().toList().get(lags.size() / 2);
                double advantage = advantages.stream().sorted().toList().get(advantages.size() / 2);
                String name = (int) links[0] + "/" + (int) links[1] + " ms";
                System.out.printf("fidelity engine %-11s confirmation lag median %d frames (model %.1f), frame"
                        + " advantage median %+.2f frames (model 0), n=%d ticks%n", name, lag, modelLag, advantage,
                        lags.size());
                if (Math.abs(lag - modelLag) > 1) {
                    failures.add(name + ": lag " + lag + " vs " + modelLag);
                }
                if (Math.abs(advantage) > 1) {
                    failures.add(name + ": advantage " + advantage);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
