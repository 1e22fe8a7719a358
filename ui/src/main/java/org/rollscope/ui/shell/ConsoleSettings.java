package org.rollscope.ui.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.timeline.TimelineWindow;

/**
 * How the console starts.
 *
 * @param source makes the source to connect at start, or {@code null} to start unconnected (open a timeline or
 *     connect later)
 * @param exportDirectory where exports go by default
 * @param screenshot if not null, write a PNG of the window there after {@code screenshotAfter} (docs, CI looks)
 * @param screenshotAfter how long to let data flow before the screenshot
 * @param exitAfterScreenshot quit once the screenshot is written
 * @param selectGame select this session as soon as it appears, or null
 * @param initialWindow the timelines' window at start (1 min when null)
 */
public record ConsoleSettings(
        Supplier<SessionSource> source,
        Path exportDirectory,
        Path screenshot,
        Duration screenshotAfter,
        boolean exitAfterScreenshot,
        String selectGame,
        TimelineWindow initialWindow) {

    public ConsoleSettings {
        exportDirectory = exportDirectory != null ? exportDirectory
                : Path.of(System.getProperty("user.home"), "rollscope-exports");
        screenshotAfter = screenshotAfter != null ? screenshotAfter : Duration.ofSeconds(5);
        initialWindow = initialWindow != null ? initialWindow : TimelineWindow.ONE_MINUTE;
    }

    /** Start unconnected, exports in {@code ~/rollscope-exports}. */
    public static ConsoleSettings defaults() {
        return new ConsoleSettings(null, null, null, null, false, null, null);
    }

    public ConsoleSettings withSource(Supplier<SessionSource> s) {
        return new ConsoleSettings(s, exportDirectory, screenshot, screenshotAfter, exitAfterScreenshot, selectGame,
                initialWindow);
    }
}
