package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.testing.Await;

/**
 * How a {@code rollscope relay} process stops on signals. Started from a script as a background job it inherits an
 * ignored SIGINT (the JVM keeps it ignored: no shutdown on {@code kill -INT}); it says so at start, and SIGTERM stops
 * it cleanly. Started normally, SIGINT stops it cleanly.
 */
class RelayStopSignalTest {
    @TempDir
    Path dir;

    @Test
    void backgroundJobOfAScriptWarnsThatSigintIsIgnoredAndStopsCleanlyOnSigterm() throws Exception {
        Process script = startRelay(true);
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
        String log = Files.readString(dir.resolve("relay.log"));
        assertTrue(log.contains("this process ignores SIGINT"), log);
        assertTrue(log.contains("use kill " + pid), log);
        new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start().waitFor();
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), "the relay did not stop on SIGTERM: " + log());
        assertTrue(log().contains("rollscope relay: stopped;"), log());
    }

    @Test
    void startedNormallySigintStopsItCleanlyAndThereIsNoWarning() throws Exception {
        Process script = startRelay(false);
        long pid = Long.parseLong(Files.readString(dir.resolve("pid")).trim());
        assertFalse(log().contains("ignores SIGINT"), log());
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
        assertTrue(script.waitFor(60, TimeUnit.SECONDS), "the relay did not stop on SIGINT: " + log());
        assertTrue(log().contains("rollscope relay: stopped;"), log());
    }

    /**
     * {@code rollscope relay} as a background job of a non-interactive bash (SIGINT ignored, as in any script), or,
     * with job control on ({@code set -m}), with SIGINT at its default; waits for its ready file.
     */
    private Process startRelay(boolean asScriptBackgroundJob) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path ready = dir.resolve("ready.json");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", (asScriptBackgroundJob ? "" : "set -m; ")
                + "\"$@\" >\"$LOG\" 2>&1 & echo $! >\"$PIDFILE\"; wait $!", "relay-script",
                java, "-cp", classPath, Main.class.getName(), "relay", "--port", "0", "--archive", "off",
                "--data-dir", dir.resolve("data").toString(), "--ready-file", ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("script.log").toFile());
        builder.environment().put("LOG", dir.resolve("relay.log").toString());
        builder.environment().put("PIDFILE", dir.resolve("pid").toString());
        Process script = builder.start();
        Await.until(Duration.ofSeconds(60), "the relay process to be ready",
                () -> Files.exists(ready) || !script.isAlive(), this::log);
        assertTrue(script.isAlive(), "relay exited: " + log());
        return script;
    }

    private String log() {
        try {
            return Files.exists(dir.resolve("relay.log")) ? Files.readString(dir.resolve("relay.log")) : "(no log)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
