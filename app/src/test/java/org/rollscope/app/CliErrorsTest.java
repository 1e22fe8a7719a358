package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12 finding 8: each example of the issue ends with one clear line on stderr, no stack trace, and the
 * documented exit code (2 for bad usage, 1 for a job that failed), without starting anything it should not.
 */
class CliErrorsTest {
    @TempDir
    static Path temp;

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of(2, "--server", new String[] {"ctl", "--server", "notaurl", "--token", "t", "sessions"}),
                Arguments.of(2, "http", new String[] {"ctl", "--server", "ftp://example.org", "--token", "t",
                        "sessions"}),
                Arguments.of(2, "--server", new String[] {"peer", "--server", "notaurl"}),
                Arguments.of(2, "--bind", new String[] {"peer", "--server", "http://127.0.0.1:1", "--bind",
                        "10.0.0.1"}),
                Arguments.of(2, "--bot", new String[] {"peer", "--server", "http://127.0.0.1:1", "--bot", "nosuch"}),
                Arguments.of(1, "data dir", new String[] {"relay", "--port", "0", "--data-dir", "/proc/x"}),
                Arguments.of(2, "--seconds", new String[] {"ctl", "--server", "http://127.0.0.1:1", "--token", "t",
                        "watch", "--seconds", "-1"}),
                Arguments.of(2, "empty", new String[] {"inspect", ""}),
                Arguments.of(2, "--ready-file", new String[] {"relay", "--port", "0", "--data-dir",
                        temp.resolve("data").toString(), "--ready-file", "/no/such/dir/r.json"}));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("examples")
    void eachIssueExampleIsOneClearLineAndTheDocumentedExitCode(int exit, String mentions, String[] args) {
        CommandRun run = CommandRun.of(args);
        String err = run.err().strip();
        assertEquals(exit, run.exit(), "exit code; stderr: " + err);
        assertFalse(err.contains("\n"), "one line, got:\n" + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        assertTrue(err.startsWith("rollscope "), "names the command: " + err);
        assertTrue(err.contains(mentions), "says what is wrong (" + mentions + "): " + err);
        assertFalse(Files.exists(Path.of("/no/such/dir")), "no directories created at the root");
    }
}
