package org.rollscope.e2e.mug;

import java.util.ArrayList;
import java.util.List;

/**
 * The knobs of our lab-style experiment (testing/mug-e2e/experiment/rollscope_e2e_experiment.py). Defaults keep a
 * game short on 2 cores: 2 episodes of 150 steps at 30 fps, input delay 2, no RTT probe before matching.
 *
 * @param probeSnippet HTML put into the scene bodies named by {@code probeScenes} ("" = no probe), as a lab pastes it
 * @param probeScenes  comma list of {@code start}, {@code game}, {@code end}
 * @param maxP2pRttMs  when above 0, MUG's matchmaker probes the pair's WebRTC RTT first (its {@code probe_*} flow)
 */
public record ExperimentOptions(String host, String experimentId, int fps, int maxSteps, int episodes, int inputDelay,
                                int maxP2pRttMs, String probeSnippet, String probeScenes) {

    public static ExperimentOptions defaults() {
        return new ExperimentOptions("127.0.0.1", "rollscope_e2e", 30, 150, 2, 2, 0, "", "start");
    }

    public ExperimentOptions host(String value) {
        return new ExperimentOptions(value, experimentId, fps, maxSteps, episodes, inputDelay, maxP2pRttMs, probeSnippet, probeScenes);
    }

    public ExperimentOptions fps(int value) {
        return new ExperimentOptions(host, experimentId, value, maxSteps, episodes, inputDelay, maxP2pRttMs, probeSnippet, probeScenes);
    }

    public ExperimentOptions maxSteps(int value) {
        return new ExperimentOptions(host, experimentId, fps, value, episodes, inputDelay, maxP2pRttMs, probeSnippet, probeScenes);
    }

    public ExperimentOptions episodes(int value) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, value, inputDelay, maxP2pRttMs, probeSnippet, probeScenes);
    }

    public ExperimentOptions inputDelay(int value) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, episodes, value, maxP2pRttMs, probeSnippet, probeScenes);
    }

    public ExperimentOptions maxP2pRttMs(int value) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, episodes, inputDelay, value, probeSnippet, probeScenes);
    }

    public ExperimentOptions probe(String snippet, String scenes) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, episodes, inputDelay, maxP2pRttMs, snippet, scenes);
    }

    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--host", host, "--port", "0", "--experiment-id", experimentId,
                "--fps", Integer.toString(fps), "--max-steps", Integer.toString(maxSteps),
                "--episodes", Integer.toString(episodes), "--input-delay", Integer.toString(inputDelay)));
        if (maxP2pRttMs > 0) args.addAll(List.of("--max-p2p-rtt-ms", Integer.toString(maxP2pRttMs)));
        return args;
    }
}
