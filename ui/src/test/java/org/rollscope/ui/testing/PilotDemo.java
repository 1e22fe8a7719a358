package org.rollscope.ui.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.command.LinkPreset;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.shell.ConsoleApp;
import org.rollscope.ui.shell.ConsoleSettings;

/**
 * The pilot on real data, for a screenshot: an embedded relay, one headless peer waiting in {@code lab-pilot}, the
 * console watching; after 3 s the console's own pilot peer (Wi-Fi link) takes the open seat; screenshot at
 * {@code seconds}.
 * <pre>
 * xvfb-run -a -s "-screen 0 1600x1000x24" java -cp ... org.rollscope.ui.testing.PilotDemo OUT.png [seconds]
 * </pre>
 */
public final class PilotDemo {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots/console-pilot.png");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        Path data = Files.createTempDirectory("rollscope-pilot-demo");
        RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(data).observerToken("demo").build());
        relay.start();
        HeadlessPeer waiting = new HeadlessPeer(PeerConfig.builder(relay.url()).gameId("lab-pilot").episodes(3)
                .framesPerEpisode(60 * 60).link(new LinkProfile(25, 10, 0.02, 0, 0, 0)).build()).start();
        ConsoleSettings settings = new ConsoleSettings(() -> new RelaySource(relay.url(), "demo"), data, out,
                Duration.ofSeconds(seconds), true, "lab-pilot", null);
        Platform.startup(() -> {
            ConsoleApp app = new ConsoleApp(settings);
            app.start(new Stage());
            javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(3));
            wait.setOnFinished(e -> app.window().pilot().joinSession("lab-pilot", "scripted", LinkPreset.WIFI.profile()));
            wait.play();
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            waiting.close();
            relay.close();
        }));
        // ConsoleApp exits the platform after the screenshot; wait for that, then stop everything.
        Thread.currentThread().join(Duration.ofSeconds(seconds + 20).toMillis());
        System.exit(0);
    }
}
