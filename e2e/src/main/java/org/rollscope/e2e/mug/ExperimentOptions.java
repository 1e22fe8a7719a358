package org.rollscope.e2e.mug;

import java.util.ArrayList;
import java.util.List;

/**
 * The knobs of our lab-style experiment (testing/mug-e2e/experiment/rollscope_e2e_experiment.py), set fluently:
 * {@code ExperimentOptions.defaults().fps(20).maxSteps(300)}. Defaults keep a game short and in step on 2 cores:
 * 2 episodes of 150 steps at 10 fps, input delay 3, no RTT probe before matching. (At 20 fps two starved pages
 * reached 5-7 frames/s each, drifted up to 90 frames apart, and MUG's episode-end sync then timed out.) {@link MugServer#start} takes a copy, so
 * changing an options object later never changes a running server.
 */
public final class ExperimentOptions {

    private String host = "127.0.0.1";
    private String experimentId = "rollscope_e2e";
    private int fps = 10;
    private int maxSteps = 150;
    private int episodes = 2;
    private int inputDelay = 3;
    private int maxP2pRttMs;
    private String probeSnippet = "";
    private String probeScenes = "start";
    private String adminPassword = "admin123"; // MUG's own default (mug/server/admin/routes.py)

    public static ExperimentOptions defaults() {
        return new ExperimentOptions();
    }

    ExperimentOptions copy() {
        ExperimentOptions c = new ExperimentOptions();
        c.host = host;
        c.experimentId = experimentId;
        c.fps = fps;
        c.maxSteps = maxSteps;
        c.episodes = episodes;
        c.inputDelay = inputDelay;
        c.maxP2pRttMs = maxP2pRttMs;
        c.probeSnippet = probeSnippet;
        c.probeScenes = probeScenes;
        c.adminPassword = adminPassword;
        return c;
    }

    /** The address MUG binds and pages open (default 127.0.0.1, the namespace's loopback). */
    public ExperimentOptions host(String value) { host = value; return this; }

    /** MUG's experiment id: the first directory of its stored data. */
    public ExperimentOptions experimentId(String value) { experimentId = value; return this; }

    public ExperimentOptions fps(int value) { fps = value; return this; }

    public ExperimentOptions maxSteps(int value) { maxSteps = value; return this; }

    public ExperimentOptions episodes(int value) { episodes = value; return this; }

    public ExperimentOptions inputDelay(int value) { inputDelay = value; return this; }

    /** Above 0, MUG's matchmaker probes the pair's WebRTC RTT before matching (its {@code probe_*} flow). */
    public ExperimentOptions maxP2pRttMs(int value) { maxP2pRttMs = value; return this; }

    /**
     * HTML a lab pastes into scene bodies ("" = no probe), and which scenes get it: a comma list of {@code start},
     * {@code game}, {@code end}.
     */
    public ExperimentOptions probe(String snippet, String scenes) {
        probeSnippet = snippet;
        probeScenes = scenes;
        return this;
    }

    /** MUG's admin password ({@code ADMIN_PASSWORD} in the server's environment), for tests on its admin feed. */
    public ExperimentOptions adminPassword(String value) { adminPassword = value; return this; }

    public String host() { return host; }

    public String experimentId() { return experimentId; }

    public int fps() { return fps; }

    public int maxSteps() { return maxSteps; }

    public int episodes() { return episodes; }

    public int inputDelay() { return inputDelay; }

    public int maxP2pRttMs() { return maxP2pRttMs; }

    public String probeSnippet() { return probeSnippet; }

    public String probeScenes() { return probeScenes; }

    public String adminPassword() { return adminPassword; }

    List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--host", host, "--port", "0", "--experiment-id", experimentId,
                "--fps", Integer.toString(fps), "--max-steps", Integer.toString(maxSteps),
                "--episodes", Integer.toString(episodes), "--input-delay", Integer.toString(inputDelay)));
        if (maxP2pRttMs > 0) args.addAll(List.of("--max-p2p-rtt-ms", Integer.toString(maxP2pRttMs)));
        return args;
    }
}
