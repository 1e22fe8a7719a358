package org.rollscope.ui.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rollscope.ui.export.TimelineExporter;
import org.rollscope.ui.export.TimelineFile;
import org.rollscope.ui.shell.ConsoleLauncher;

/**
 * Writes a synthetic three-session timeline and starts the console on it, for looking at the UI under Xvfb:
 * <pre>
 * xvfb-run -s "-screen 0 1600x1000x24" java -cp ... org.rollscope.ui.testing.ScreenshotDemo OUT.png [speed] [seconds] [window] [game] [cut-at-seconds]
 * </pre>
 * With speed 0 the timeline is shown at once; with speed &gt; 0 it plays (looping) at that pace.
 */
public final class ScreenshotDemo {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots/console.png");
        String speed = args.length > 1 ? args[1] : "0";
        String after = args.length > 2 ? args[2] : "4";
        String window = args.length > 3 ? args[3] : "10min";
        String select = args.length > 4 ? args[4] : "lab-7f3a";
        // Optional: keep only the first N seconds, to show a deterministic moment (e.g. during a fallback).
        double cutSeconds = args.length > 5 ? Double.parseDouble(args[5]) : Double.POSITIVE_INFINITY;
        TimelineFile file = SyntheticSession.merge(
                SyntheticSession.generate("lab-7f3a", 150, 7, false),
                SyntheticSession.generate("lab-2c91", 70, 11, true),
                SyntheticSession.generate("lab-9d04", 110, 23, false));
        if (cutSeconds < Double.POSITIVE_INFINITY) {
            long cut = SyntheticSession.START_MS + (long) (cutSeconds * 1000);
            file = new TimelineFile(file.meta(), file.samples().stream().filter(x -> x.tMs() <= cut).toList(),
                    file.events().stream().filter(x -> x.tMs() <= cut).toList());
        }
        Path json = Files.createTempFile("rollscope-demo", ".json");
        try (var o = Files.newOutputStream(json)) {
            new TimelineExporter().writeJson(file, o, TimelineExporter.Progress.NONE);
        }
        java.util.List<String> a = new java.util.ArrayList<>(java.util.List.of("--replay", json.toString(), "--speed", speed,
                "--select", select, "--screenshot", out.toString(), "--after", after, "--window", window, "--exit"));
        if (!speed.equals("0")) a.add("--loop");
        ConsoleLauncher.main(a.toArray(String[]::new));
    }
}
