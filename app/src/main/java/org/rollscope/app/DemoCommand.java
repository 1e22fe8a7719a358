package org.rollscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.shell.ConsoleApp;
import org.rollscope.ui.shell.ConsoleSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rollscope demo}: the product working within seconds. An embedded relay on a free loopback port, two
 * headless peers in one session over mildly impaired links (so rollbacks and the occasional gap show), and the
 * console connected to it with the session selected. Closing the window stops everything.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Start an embedded relay (127.0.0.1, a free port), two headless peers playing the reference game in one"
                    + " session over mildly impaired links, and the console watching them. The relay's URL and"
                    + " observer token are printed, so 'rollscope ctl' and other consoles can join. Closing the"
                    + " window stops the peers and the relay.",
            "",
            "Needs a display; on a server run it under Xvfb: xvfb-run -a ./rollscope demo",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the window was closed", "1:the relay could not start", "2:bad usage or no display"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./rollscope demo",
            "  xvfb-run -a -s \"-screen 0 1600x1000x24\" ./rollscope demo --screenshot docs/screenshots/demo.png"
                    + " --after 12 --exit",
        })
public final class DemoCommand implements Callable<Integer> {

    /** The demo's session; pre-selected in the console. */
    static final String GAME_ID = "demo";
    /** Seat 0's link: enough delay, jitter and loss for visible rollbacks and an occasional gap. */
    static final LinkProfile LINK_0 = LinkProfile.parse("latency=40,jitter=15,loss=0.02");
    /** Seat 1's link: a little better, so the two peers' figures differ. */
    static final LinkProfile LINK_1 = LinkProfile.parse("latency=30,jitter=10,loss=0.01");
    /** One minute per episode; 1,000 of them keep the demo running for about 16 hours. */
    static final int FRAMES_PER_EPISODE = 60 * 60;
    static final int EPISODES = 1_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the relay stores the episodes the peers export (default: a new temporary directory).")
    Path dataDir;

    @Option(names = "--token", paramLabel = "T", description = "Observer token (default: a random one, printed).")
    String token;

    @Option(names = "--ready-file", paramLabel = "FILE",
            description = "Once the relay listens, write {\"url\": ..., \"observer_token\": ...} to FILE (for scripts).")
    Path readyFile;

    @Option(names = "--bot", paramLabel = "BOT", description = "The peers' bot: random, scripted or idle (default: ${DEFAULT-VALUE}).")
    String bot = "random";

    @Option(names = "--screenshot", paramLabel = "FILE", description = "Write a PNG of the window after --after seconds.")
    Path screenshot;

    @Option(names = "--after", paramLabel = "S", description = "Seconds before the screenshot (default: ${DEFAULT-VALUE}).")
    double afterSeconds = 12;

    @Option(names = "--exit", description = "Quit once the screenshot is written.")
    boolean exit;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!org.rollscope.ui.pilot.PilotRequest.BOTS.contains(bot)) {
            err.println("rollscope demo: --bot must be one of " + org.rollscope.ui.pilot.PilotRequest.BOTS + ", got " + bot);
            return 2;
        }
        if (exit && screenshot == null) {
            err.println("rollscope demo: --exit needs --screenshot (it quits once the screenshot is written)");
            return 2;
        }
        String noDisplay = Display.missing("demo");
        if (noDisplay != null) {
            err.println("rollscope demo: " + noDisplay);
            return 2;
        }
        if (readyFile != null) {
            CliChecks.parentExists(spec, "--ready-file", readyFile);
        }
        Path data = dataDir != null ? dataDir : Files.createTempDirectory("rollscope-demo");
        RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(data).observerToken(token)
                .archive(org.rollscope.netcode.archive.ArchiveConfig.EMBEDDED).build());
        try {
            relay.start();
        } catch (IOException e) {
            relay.close();
            err.println("rollscope demo: the relay could not start: " + e.getMessage());
            return 1;
        }
        HeadlessPeer first = null;
        HeadlessPeer second = null;
        Thread stopAll = null;
        try {
            out.println("Rollscope demo: relay on " + relay.url());
            out.println("observer token: " + relay.observerToken());
            out.println("data dir: " + data.toAbsolutePath());
            out.println("try:  ./rollscope ctl --server " + relay.url() + " --token " + relay.observerToken()
                    + " force-fallback --game " + GAME_ID);
            out.println("Close the console window to stop.");
            out.flush();
            if (readyFile != null) {
                RelayCommand.writeReadyFile(readyFile, relay);
            }
            first = new HeadlessPeer(peer(relay.url(), LINK_0)).start();
            second = new HeadlessPeer(peer(relay.url(), LINK_1)).start();
            HeadlessPeer a = first;
            HeadlessPeer b = second;
            // Ctrl-C in the terminal stops the peers and the relay as closing the window does.
            stopAll = new Thread(() -> stop(a, b, relay), "demo-shutdown");
            Runtime.getRuntime().addShutdownHook(stopAll);
            String url = relay.url();
            String t = relay.observerToken();
            ConsoleSettings settings = new ConsoleSettings(() -> new RelaySource(url, t), data.resolve("exports"),
                    screenshot, Duration.ofMillis((long) (afterSeconds * 1000)), exit, GAME_ID, null);
            ConsoleApp.launch(settings); // blocks until the window closes
            return 0;
        } catch (RuntimeException e) {
            err.println("rollscope demo: the console could not start: " + e.getMessage());
            return 1;
        } finally {
            stop(first, second, relay);
            if (stopAll != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopAll);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running already; it does the same
                }
            }
            out.println("Rollscope demo stopped.");
            out.flush();
        }
    }

    private PeerConfig peer(String url, LinkProfile link) {
        return PeerConfig.builder(url).gameId(GAME_ID).bot(bot).episodes(EPISODES).framesPerEpisode(FRAMES_PER_EPISODE)
                .link(link).build();
    }

    private static void stop(HeadlessPeer a, HeadlessPeer b, RelayServer relay) {
        if (a != null) a.close();
        if (b != null) b.close();
        relay.close();
    }
}
