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
 * @param adminPassword MUG's admin password ({@code ADMIN_PASSWORD} in the server's environment), for tests that
 *                      watch the game through MUG's admin feed; the default is MUG's own default
 */
public record ExperimentOptions(String host, String experimentId, int fps, int maxSteps, int episodes, int inputDelay,
                                int maxP2pRttMs, String probeSnippet, String probeScenes, String adminPassword) {

    public static ExperimentOptions defaults() {
        return new ExperimentOptions("127.0.0.1", "rollscope_e2e", 20, 150, 2, 2, 0, "", "start", "admin123");
    }

    public ExperimentOptions host(String value) {
        return new ExperimentOptions(value, experimentId, fps, maxSteps, episodes, inputDelay, maxP2pRttMs, probeSnippet, probeScenes, adminPassword);
    }

    public ExperimentOptions experimentId(String value) {
        return new ExperimentOptions(host, value, fps, maxSteps, episodes, inputDelay, maxP2pRttMs, probeSnippet, probeScenes, adminPassword);
    }

    public ExperimentOptions fps(int value) {
        return new ExperimentOptions(host, experimentId, value, maxSteps, episodes, inputDelay, maxP2pRttMs, probeSnippet, probeScenes, adminPassword);
    }

    public ExperimentOptions maxSteps(int value) {
        return new ExperimentOptions(host, experimentId, fps, value, episodes, inputDelay, maxP2pRttMs, probeSnippet, probeScenes, adminPassword);
    }

    public ExperimentOptions episodes(int value) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, value, inputDelay, maxP2pRttMs, probeSnippet, probeScenes, adminPassword);
    }

    public ExperimentOptions inputDelay(int value) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, episodes, value, maxP2pRttMs, probeSnippet, probeScenes, adminPassword);
    }

    public ExperimentOptions maxP2pRttMs(int value) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, episodes, inputDelay, value, probeSnippet, probeScenes, adminPassword);
    }

    public ExperimentOptions probe(String snippet, String scenes) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, episodes, inputDelay, maxP2pRttMs, snippet, scenes, adminPassword);
    }

    public ExperimentOptions adminPassword(String value) {
        return new ExperimentOptions(host, experimentId, fps, maxSteps, episodes, inputDelay, maxP2pRttMs, probeSnippet, probeScenes, value);
    }

    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--host", host, "--port", "0", "--experiment-id", experimentId,
                "--fps", Integer.toString(fps), "--max-steps", Integer.toString(maxSteps),
                "--episodes", Integer.toString(episodes), "--input-delay", Integer.toString(inputDelay)));
        if (maxP2pRttMs > 0) args.addAll(List.of("--max-p2p-rtt-ms", Integer.toString(maxP2pRttMs)));
        return args;
    }
}
