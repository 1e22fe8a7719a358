package org.rollscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.ui.export.TimelineExporter;
import org.rollscope.ui.testing.SyntheticSession;
import org.rollscope.ui.timeline.TimelineWindow;

class ConsoleLauncherTest {

    @TempDir
    Path dir;

    @Test
    void noOptionsStartsUnconnectedWithDefaults() throws Exception {
        ConsoleSettings s = ConsoleLauncher.parse(new String[0]);
        assertNull(s.source());
        assertNull(s.screenshot());
        assertEquals(TimelineWindow.ONE_MINUTE, s.initialWindow());
        assertTrue(s.exportDirectory().endsWith("rollscope-exports"));
    }

    @Test
    void replayAndScreenshotOptionsAreRead() throws Exception {
        Path json = dir.resolve("t.json");
        try (var out = Files.newOutputStream(json)) {
            new TimelineExporter().writeJson(SyntheticSession.generate("g1", 2, 1, false), out, TimelineExporter.Progress.NONE);
        }
        ConsoleSettings s = ConsoleLauncher.parse(new String[] {"--replay", json.toString(), "--speed", "4", "--loop",
                "--screenshot", "out.png", "--after", "2.5", "--window", "all", "--select", "g1", "--exit"});
        assertNotNull(s.source());
        assertEquals("replay of t.json", s.source().get().describe());
        assertEquals(Path.of("out.png"), s.screenshot());
        assertEquals(Duration.ofMillis(2_500), s.screenshotAfter());
        assertEquals(TimelineWindow.ALL, s.initialWindow());
        assertEquals("g1", s.selectGame());
        assertTrue(s.exitAfterScreenshot());
    }

    @Test
    void serverAndTokenMakeARelaySource() throws Exception {
        ConsoleSettings s = ConsoleLauncher.parse(new String[] {"--server", "http://127.0.0.1:9", "--token", "t"});
        assertEquals("relay http://127.0.0.1:9", s.source().get().describe());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleLauncher.parse(new String[] {"--server", "http://x"}))
                .getMessage().contains("--token"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleLauncher.parse(new String[] {"--server", "ws://x", "--token", "t"}))
                .getMessage().contains("http://"));
    }

    @Test
    void mugWithAPasswordFileMakesAMugSourceAndAReplayIsExclusive() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "admin123\n");
        ConsoleSettings s = ConsoleLauncher.parse(new String[] {"--mug", "http://127.0.0.1:9", "--password-file", pw.toString()});
        assertEquals("MUG http://127.0.0.1:9", s.source().get().describe());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleLauncher.parse(new String[] {
                "--mug", "http://x", "--password-file", pw.toString(), "--replay", "x.json"}))
                .getMessage().contains("exclusive"));
    }

    @Test
    void aRelayAndItsMugServerTogetherAreOneSource() throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "admin123\n");
        ConsoleSettings s = ConsoleLauncher.parse(new String[] {"--mug", "http://127.0.0.1:9", "--password-file",
                pw.toString(), "--server", "http://127.0.0.1:8", "--token", "t"});
        assertEquals("relay http://127.0.0.1:8 + MUG http://127.0.0.1:9", s.source().get().describe());
    }

    @Test
    void badOptionsAreRefusedWithWhatIsAllowed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleLauncher.parse(new String[] {"--bogus"}))
                .getMessage().contains("--replay FILE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleLauncher.parse(new String[] {"--window", "5min"}))
                .getMessage().contains("1min, 10min or all"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConsoleLauncher.parse(new String[] {"--replay"}))
                .getMessage().contains("needs a value"));
        assertThrows(NoSuchFileException.class, () -> ConsoleLauncher.parse(new String[] {"--replay", dir.resolve("none.json").toString()}));
    }
}
