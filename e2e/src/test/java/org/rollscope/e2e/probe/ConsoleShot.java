package org.rollscope.e2e.probe;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The console watching a probed MUG game, as a screenshot for docs/mug-probe.md: only when the run asks for one with
 * {@code -Drollscope.probe.screenshot=FILE} (a test never depends on it). The console runs as its own process under
 * Xvfb, with this JVM's class path, pointed at the test's relay with the MUG game selected.
 */
final class ConsoleShot {
    /** Seconds of live data before the shot: long enough for the link change and the forced fallback to show. */
    private static final int AFTER_SECONDS = 40;

    private ConsoleShot() {
    }

    static Process startIfAsked(String relayUrl, String token, String gameId) throws Exception {
        String out = System.getProperty("rollscope.probe.screenshot");
        if (out == null || out.isBlank()) {
            return null;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of("xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", java, "-cp",
                System.getProperty("java.class.path"), "org.rollscope.ui.shell.ConsoleLauncher", "--server", relayUrl,
                "--token", token, "--select", gameId, "--window", "1min", "--screenshot", out, "--after",
                String.valueOf(AFTER_SECONDS), "--exit");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(out + ".log")).start();
    }

    static void await(Process console) throws InterruptedException {
        if (console != null && !console.waitFor(AFTER_SECONDS + 60, TimeUnit.SECONDS)) {
            console.destroyForcibly();
        }
    }
}
