package org.rollscope.ui.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.rollscope.ui.export.ReplaySource;
import org.rollscope.ui.export.TimelineFile;
import org.rollscope.ui.export.TimelineReader;
import org.rollscope.ui.timeline.TimelineWindow;

/**
 * A plain {@code main} for the console (no module-info, so JavaFX must be started from a class that does not extend
 * Application). Options:
 * <pre>
 *   --server URL         watch a live Rollscope relay (with --token)
 *   --token T            the relay's observer token
 *   --mug URL            watch a MUG server's admin page data (password from --password-file or ADMIN_PASSWORD)
 *   --password-file F    file holding the MUG admin password
 *   --replay FILE.json   show a recorded timeline
 *   --speed X            replay at X times the recorded pace (default 0: all at once)
 *   --loop               start the replay again when it ends (with --speed)
 *   --select GAME        select this session when it appears
 *   --export-dir DIR     default export directory
 *   --screenshot FILE    write a PNG of the window after --after seconds (default 5)
 *   --window W           timelines window at start: 1min, 10min or all
 *   --exit               quit after the screenshot
 * </pre>
 * The app module's {@code console} command builds {@link ConsoleSettings} itself and calls
 * {@link ConsoleApp#launch(ConsoleSettings)}.
 */
public final class ConsoleLauncher {

    private ConsoleLauncher() {}

    public static void main(String[] args) throws IOException {
        ConsoleApp.launch(parse(args));
    }

    /**
     * The options as {@link ConsoleSettings}. Throws IllegalArgumentException naming the bad option, IOException when
     * a replay or password file cannot be read.
     */
    public static ConsoleSettings parse(String[] args) throws IOException {
        Path replay = null;
        String server = null;
        String token = null;
        String mugUrl = null;
        Path passwordFile = null;
        double speed = 0;
        boolean loop = false;
        String select = null;
        Path exportDir = null;
        Path screenshot = null;
        Duration after = null;
        boolean exit = false;
        TimelineWindow window = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--replay" -> replay = Path.of(value(args, ++i, "--replay"));
                case "--server" -> server = value(args, ++i, "--server");
                case "--token" -> token = value(args, ++i, "--token");
                case "--mug" -> mugUrl = value(args, ++i, "--mug");
                case "--password-file" -> passwordFile = Path.of(value(args, ++i, "--password-file"));
                case "--speed" -> speed = Double.parseDouble(value(args, ++i, "--speed"));
                case "--loop" -> loop = true;
                case "--select" -> select = value(args, ++i, "--select");
                case "--export-dir" -> exportDir = Path.of(value(args, ++i, "--export-dir"));
                case "--screenshot" -> screenshot = Path.of(value(args, ++i, "--screenshot"));
                case "--after" -> after = Duration.ofMillis((long) (Double.parseDouble(value(args, ++i, "--after")) * 1000));
                case "--exit" -> exit = true;
                case "--window" -> window = window(value(args, ++i, "--window"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --server URL --token T --mug URL --password-file F --replay FILE --speed X --loop --select GAME --export-dir DIR --screenshot FILE --after S --window W --exit)");
            }
        }
        java.util.function.Supplier<org.rollscope.ui.source.SessionSource> source = null;
        if (replay != null && (server != null || mugUrl != null)) {
            throw new IllegalArgumentException("--replay is exclusive: it reviews a file, without --server or --mug");
        }
        if (mugUrl != null) {
            String password = passwordOf(passwordFile);
            String url = mugUrl;
            source = () -> new org.rollscope.ui.connect.MugAdminSource(url, password);
        }
        if (server != null) {
            if (token == null) {
                throw new IllegalArgumentException("--server needs --token (the relay prints it at start)");
            }
            String url = server;
            String t = token;
            // The URL is checked now, so a typo is a usage error rather than a window that never connects.
            new org.rollscope.ui.connect.RelaySource(url, t).close();
            source = () -> new org.rollscope.ui.connect.RelaySource(url, t);
        }
        if (server != null && mugUrl != null) {
            // The relay MUG pages' probes report to, and their MUG server: one session per MUG game.
            java.util.function.Supplier<org.rollscope.ui.source.SessionSource> relay = source;
            String password = passwordOf(passwordFile);
            String url = mugUrl;
            source = () -> new org.rollscope.ui.connect.RelayAndMugSource(relay.get(),
                    new org.rollscope.ui.connect.MugAdminSource(url, password));
        }
        if (replay != null) {
            TimelineFile file = new TimelineReader().read(replay);
            String name = replay.getFileName().toString();
            double s = speed;
            boolean l = loop;
            source = () -> new ReplaySource(file, name, s, l);
        }
        return new ConsoleSettings(source, exportDir, screenshot, after, exit, select, window);
    }

    private static String passwordOf(Path passwordFile) throws IOException {
        String password = passwordFile != null ? java.nio.file.Files.readString(passwordFile).strip()
                : System.getenv("ADMIN_PASSWORD");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("--mug needs the admin password: --password-file F or ADMIN_PASSWORD");
        }
        return password;
    }

    private static TimelineWindow window(String w) {
        return switch (w) {
            case "1min" -> TimelineWindow.ONE_MINUTE;
            case "10min" -> TimelineWindow.TEN_MINUTES;
            case "all" -> TimelineWindow.ALL;
            default -> throw new IllegalArgumentException("--window must be 1min, 10min or all, got " + w);
        };
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
