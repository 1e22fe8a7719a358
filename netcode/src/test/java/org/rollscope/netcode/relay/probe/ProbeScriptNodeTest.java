package org.rollscope.netcode.relay.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the MUG probe's own unit tests ({@code src/test/js/*.test.js}: recorded MUG page states, commands, the link
 * shaper, the page wiring) with Node's built-in test runner, so that {@code mvn verify} fails when they fail. Node is
 * required, not optional: without it this test fails saying so (CI installs it in {@code .ci/run}).
 */
class ProbeScriptNodeTest {

    @Test
    void probeUnitTestsPassUnderNode() throws Exception {
        Path tests = Path.of("src", "test", "js").toAbsolutePath();
        assertTrue(Files.isDirectory(tests), "no probe tests at " + tests);
        Path log = Files.createTempFile("probe-node-test", ".log");
        Process node;
        try {
            node = new ProcessBuilder("node", "--test", "--test-reporter=tap", tests.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("node (Node.js 18+) is needed to run the MUG probe's tests: " + e.getMessage()
                    + " (apt-get install nodejs)", e);
        }
        boolean finished = node.waitFor(5, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        if (!finished) {
            node.destroyForcibly();
        }
        assertTrue(finished, "node --test did not finish within 5 minutes:\n" + output);
        assertEquals(0, node.exitValue(), "the probe's node tests failed:\n" + output);
        assertTrue(output.contains("# fail 0"), "unexpected node --test output:\n" + output);
        assertTrue(output.contains("# skipped 0") && output.contains("# todo 0"),
                "a skipped probe test is a failing test:\n" + output);
    }
}
