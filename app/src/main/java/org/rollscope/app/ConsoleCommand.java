package org.rollscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rollscope.ui.connect.RecentServers;
import org.rollscope.ui.shell.ConsoleApp;
import org.rollscope.ui.shell.ConsoleLauncher;
import org.rollscope.ui.shell.ConsoleSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rollscope console}: the observer console on a relay, a MUG server or a recorded timeline, or a connect
 * dialog when no source is given. The options are turned into {@link ConsoleLauncher}'s, so the two entry points
 * can never disagree on what an option means.
 */
@Command(
        name = "console",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Open the observer console: every live session, every peer's telemetry, timelines and events; force a"
                    + " fallback, restore P2P, set link conditions, export timelines (CSV, JSON, PNG), pilot a"
                    + " built-in peer.",
            "",
            "Watch one source: a Rollscope relay (--server URL --token T, both printed by 'rollscope relay'),"
                    + " a MUG server (--mug URL; read-only health), or a recorded JSON timeline (--replay FILE)."
                    + " Without one, a connect dialog asks (recent relay URLs are remembered; tokens and passwords"
                    + " never are).",
            "",
            "--server with --mug: the relay MUG pages' probes report to and their MUG server, one session per"
                    + " MUG game (docs/mug-probe.md).",
            "",
            "Needs a display; on a server run it under Xvfb: xvfb-run -a ./rollscope console ...",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the window was closed", "1:the console failed", "2:bad usage or no display"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./rollscope console --server http://127.0.0.1:8765 --token 3f9c...",
            "  ADMIN_PASSWORD=... ./rollscope console --mug https://mug.example.org",
            "  ./rollscope console --replay rollscope-lab-7f3a.json --speed 10",
            "  ./rollscope console",
        })
public final class ConsoleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", description = "A Rollscope relay, e.g. http://127.0.0.1:8765 (with --token).")
    String server;

    @Option(names = "--token", paramLabel = "T", description = "The relay's observer token (the relay prints it at start).")
    String token;

    @Option(names = "--mug", paramLabel = "URL", description = "A MUG server: its admin data (health every 2 s, read-only).")
    String mug;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the MUG admin password (default: the ADMIN_PASSWORD environment variable).")
    Path passwordFile;

    @Option(names = "--replay", paramLabel = "FILE", description = "Review a JSON timeline exported by the console.")
    Path replay;

    @Option(names = "--speed", paramLabel = "X", description = "Replay at X times the recorded pace; 0 = all at once (default).")
    Double speed;

    @Option(names = "--loop", description = "Start the replay again when it ends (with --speed).")
    boolean loop;

    @Option(names = "--select", paramLabel = "GAME", description = "Select this session as soon as it appears.")
    String select;

    @Option(names = "--window", paramLabel = "W", description = "Timelines window at start: 1min (default), 10min or all.")
    String window;

    @Option(names = "--export-dir", paramLabel = "DIR", description = "Default export directory (default: ~/rollscope-exports).")
    Path exportDir;

    @Option(names = "--screenshot", paramLabel = "FILE", description = "Write a PNG of the window after --after seconds.")
    Path screenshot;

    @Option(names = "--after", paramLabel = "S", description = "Seconds before the screenshot (default: 5).")
    Double after;

    @Option(names = "--exit", description = "Quit once the screenshot is written.")
    boolean exit;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ConsoleSettings settings;
        try {
            settings = ConsoleLauncher.parse(launcherArgs().toArray(String[]::new));
        } catch (IllegalArgumentException | IOException e) {
            err.println("rollscope console: " + e.getMessage());
            return 2;
        }
        if (server != null) {
            new RecentServers().remember(server); // offered by the connect dialog next time (the token never is)
        }
        if (settings.source() == null && screenshot == null) {
            settings = settings.withConnectDialog();
        }
        String noDisplay = Display.missing("console");
        if (noDisplay != null) {
            err.println("rollscope console: " + noDisplay);
            return 2;
        }
        try {
            ConsoleApp.launch(settings); // blocks until the window closes
            return 0;
        } catch (RuntimeException e) {
            err.println("rollscope console: the console could not start: " + e.getMessage());
            return 1;
        }
    }

    /** The options in {@link ConsoleLauncher}'s words. */
    List<String> launcherArgs() {
        List<String> args = new ArrayList<>();
        add(args, "--server", server);
        add(args, "--token", token);
        add(args, "--mug", mug);
        add(args, "--password-file", passwordFile);
        add(args, "--replay", replay);
        add(args, "--speed", speed);
        if (loop) args.add("--loop");
        add(args, "--select", select);
        add(args, "--window", window);
        add(args, "--export-dir", exportDir);
        add(args, "--screenshot", screenshot);
        add(args, "--after", after);
        if (exit) args.add("--exit");
        return args;
    }

    private static void add(List<String> args, String option, Object value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }
}
