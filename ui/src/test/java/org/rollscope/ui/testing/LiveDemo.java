package org.rollscope.ui.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.shell.ConsoleApp;
import org.rollscope.ui.shell.ConsoleSettings;
import org.rollscope.ui.timeline.TimelineWindow;

/**
 * The console on real data: an embedded relay (port 0), two headless peers over a mildly impaired link, the console
 * connected as an observer; after 8 s both peers are forced onto the relay, after 16 s restored; a screenshot at
 * {@code seconds}. For looking at the UI under Xvfb:
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -cp ... org.rollscope.ui.testing.LiveDemo OUT.png [seconds]
 * </pre>
 */
public final class LiveDemo {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots/console-live-relay.png");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        Path data = Files.createTempDirectory("rollscope-live-demo");
        RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(data).observerToken("demo").build());
        relay.start();
        PeerConfig config = PeerConfig.builder(relay.url()).gameId("lab-live").episodes(3).framesPerEpisode(60 * 30)
                .link(new LinkProfile(25, 10, 0.03, 0, 0.01, 0)).build();
        HeadlessPeer a = new HeadlessPeer(config).start();
        HeadlessPeer b = new HeadlessPeer(config).start();
        RelaySource source = new RelaySource(relay.url(), "demo");
        ScheduledExecutorService steps = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-demo-steps");
            t.setDaemon(true);
            return t;
        });
        steps.schedule(() -> source.forceFallback("lab-live", null), 8, TimeUnit.SECONDS);
        steps.schedule(() -> source.restoreP2p("lab-live", null), 16, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            a.close();
            b.close();
            relay.close();
        }));
        ConsoleApp.launch(new ConsoleSettings(() -> source, data, out, java.time.Duration.ofSeconds(seconds), true,
                "lab-live", TimelineWindow.ONE_MINUTE));
        System.exit(0);
    }
}
