package org.rollscope.ui.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.styles.Styles;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.export.ChartPng;
import org.rollscope.ui.shell.ConsoleSettings;
import org.rollscope.ui.shell.ConsoleWindow;

/**
 * The console's History on a real archiving relay, for docs/screenshots/history.png: four short sessions of real
 * headless peers (one clean, one over a slow link, one lossy, one forced onto the relay), then the console with the
 * History shown and one row selected.
 * <pre>
 * xvfb-run -s "-screen 0 1600x1000x24" java -cp ... org.rollscope.ui.testing.HistoryScreenshotDemo OUT.png
 * </pre>
 */
public final class HistoryScreenshotDemo {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots/history.png");
        Path data = Files.createTempDirectory("rollscope-history-demo");
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(data).observerToken("demo")
                .archive(ArchiveConfig.EMBEDDED).build())) {
            relay.start();
            play(relay);
            long deadline = System.currentTimeMillis() + 30_000;
            while (relay.archiveStats().queued() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100); // a demo, not a test: wait for the archive's last batch
            }
            Thread.sleep(600);
            shoot(relay, out);
        }
        Platform.exit();
        System.exit(0);
    }

    private static void play(RelayServer relay) throws Exception {
        ObserverClient observer = new ObserverClient(relay.url(), "demo");
        observer.connect().get(30, TimeUnit.SECONDS);
        List<HeadlessPeer> peers = new ArrayList<>();
        // Staggered starts and different lengths, so that the orders differ.
        session(peers, relay, "lab-7f3a", 1200, LinkProfile.PERFECT);
        Thread.sleep(2_000);
        session(peers, relay, "lab-2c91", 600, new LinkProfile(90, 25, 0, 0, 0, 0));
        Thread.sleep(2_000);
        session(peers, relay, "lab-9d04", 900, new LinkProfile(40, 10, 0.12, 0, 0.02, 0));
        Thread.sleep(2_000);
        session(peers, relay, "pilot-01", 420, new LinkProfile(20, 4, 0, 0, 0, 0));
        Thread.sleep(2_000);
        observer.forceFallback("pilot-01", "0").get(15, TimeUnit.SECONDS);
        observer.forceFallback("lab-2c91", "1").get(15, TimeUnit.SECONDS);
        CompletableFuture.allOf(peers.stream().map(HeadlessPeer::finished).toArray(CompletableFuture[]::new))
                .get(180, TimeUnit.SECONDS);
        observer.close();
    }

    private static void session(List<HeadlessPeer> peers, RelayServer relay, String game, int frames, LinkProfile link) {
        PeerConfig config = PeerConfig.builder(relay.url()).gameId(game).episodes(1).framesPerEpisode(frames)
                .link(link).build();
        for (String seat : new String[] {"0", "1"}) {
            HeadlessPeer peer = new HeadlessPeer(config.toBuilder().playerId(seat).build()).start();
            peer.finished().whenComplete((r, e) -> peer.close()); // leaves when done: the session ends on time
            peers.add(peer);
        }
    }

    private static void shoot(RelayServer relay, Path out) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.startup(() -> {
            ConsoleSettings settings = new ConsoleSettings(() -> new RelaySource(relay.url(), "demo"),
                    Path.of(System.getProperty("java.io.tmpdir")), null, null, false, null, null);
            ConsoleWindow window = new ConsoleWindow(settings);
            Scene scene = new Scene(window.getNode(), 1600, 1000);
            scene.getStylesheets().add(Styles.stylesheet());
            Stage stage = new Stage();
            stage.setTitle("Rollscope console");
            stage.setScene(scene);
            stage.show();
            window.start();
            ((ToggleButton) scene.lookup("#history")).setSelected(true);
            window.history().refresh().whenComplete((sessions, e) -> Platform.runLater(() -> {
                window.history().rows().stream().filter(s -> s.gameId().equals("lab-2c91")).findFirst()
                        .ifPresent(s -> window.history().selectedProperty().set(s));
                javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(
                        javafx.util.Duration.seconds(1.5));
                settle.setOnFinished(x -> {
                    try {
                        ChartPng.write(scene.snapshot(null), out);
                        System.out.println("screenshot written to " + out.toAbsolutePath());
                        done.complete(null);
                    } catch (Exception ex) {
                        done.completeExceptionally(ex);
                    }
                });
                settle.play();
            }));
        });
        done.get(60, TimeUnit.SECONDS);
    }
}
