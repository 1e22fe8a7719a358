package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The console and demo commands' usage errors, which come before any window opens. */
class ConsoleCommandTest {

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void optionsReachTheLauncherUnchanged() {
        ConsoleCommand c = new ConsoleCommand();
        new CommandLine(c).parseArgs("--server", "http://127.0.0.1:1", "--token", "t", "--select", "g1", "--window",
                "all", "--after", "3", "--exit", "--screenshot", "s.png");
        assertEquals(List.of("--server", "http://127.0.0.1:1", "--token", "t", "--select", "g1", "--window", "all",
                "--screenshot", "s.png", "--after", "3.0", "--exit"), c.launcherArgs());
    }

    @Test
    void aServerWithoutTokenIsABadUsageWithTheFix() {
        Run r = run("console", "--server", "http://127.0.0.1:1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--server needs --token"), r.err());
    }

    @Test
    void twoSourcesAreABadUsage() {
        Run r = run("console", "--server", "http://127.0.0.1:1", "--token", "t", "--replay", "x.json");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("exclusive"), r.err());
    }

    @Test
    void aMissingReplayFileIsReportedNotThrown() {
        Run r = run("console", "--replay", "/nonexistent/timeline.json");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("timeline.json"), r.err());
    }

    @Test
    void demoExitWithoutScreenshotIsABadUsage() {
        Run r = run("demo", "--exit");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--exit needs --screenshot"), r.err());
    }

    @Test
    void demoWithAnUnknownBotIsABadUsageWithTheChoices() {
        Run r = run("demo", "--bot", "genius");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bot must be one of [random, scripted, idle]"), r.err());
    }

    @Test
    void helpExplainsBothCommands() {
        assertTrue(run("console", "--help").out().contains("connect dialog"));
        String demo = run("demo", "--help").out();
        assertTrue(demo.contains("xvfb-run") && demo.contains("--screenshot"), demo);
    }
}
