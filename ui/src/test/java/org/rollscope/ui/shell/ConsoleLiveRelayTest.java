package org.rollscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.fx.Css;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The real console window on the real relay (port 0) with two real headless peers. */
class ConsoleLiveRelayTest {

    @TempDir
    Path dataDir;

    private ConsoleApp app;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void stop() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static void await(long seconds, String what, java.util.concurrent.Callable<Boolean> condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "; last state: " + state.get());
        }
    }

    /** Reads on the FX thread; a read that fails (a missing label) fails the test instead of becoming a value. */
    private String fx(Supplier<String> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(30, TimeUnit.SECONDS); // a busy machine delays pulses
        } catch (Exception e) {
            throw new AssertionError("could not read from the FX thread", e);
        }
    }

    /** The one label {@code query} names; a missing one is a failure, never a null that a caller turns into text. */
    private Label label(String query) {
        Label l = robot.lookup(query).queryAs(Label.class);
        if (l == null) {
            throw new AssertionError("no label " + query);
        }
        return l;
    }

    /** A measured round trip as the card prints it (Formats.millis): "7.5 ms", "42 ms". */
    private static final Pattern RTT = Pattern.compile("\\d+(\\.\\d)? ms");

    @Test
    void metricsChangeForBothPeersAndForceFallbackTurnsThatPeerToRelayThenRestoreTurnsItBack() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir).observerToken("t").build())) {
            relay.start();
            FxToolkit.registerPrimaryStage();
            ConsoleSettings settings = new ConsoleSettings(() -> new RelaySource(relay.url(), "t"), dataDir, null, null,
                    false, "g1", null);
            app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(settings));
            PeerConfig config = PeerConfig.builder(relay.url()).gameId("g1").episodes(1).framesPerEpisode(60 * 60)
                    .link(new LinkProfile(10, 2, 0, 0, 0, 0)).build();
            try (HeadlessPeer a = new HeadlessPeer(config).start(); HeadlessPeer b = new HeadlessPeer(config).start()) {
                await(30, "both peer cards", () -> app.window().model().session("g1", false) != null
                        && app.window().model().session("g1", false).peers().size() == 2
                        && robot.lookup("#detail-title").queryAs(Label.class).getText().equals("g1"),
                        () -> "sessions " + app.window().model().sessions().size());
                String p0 = fx(() -> app.window().model().session("g1", false).peer(0).playerId());
                String p1 = fx(() -> app.window().model().session("g1", false).peer(1).playerId());
                await(30, "both peers on P2P", () -> label("#transport-" + p0).getStyleClass().contains(Css.TRANSPORT_P2P)
                        && label("#transport-" + p1).getStyleClass().contains(Css.TRANSPORT_P2P),
                        () -> fx(() -> label("#transport-" + p0).getText() + " / " + label("#transport-" + p1).getText()));
                for (String p : new String[] {p0, p1}) {
                    String before = fx(() -> label("#figure-" + p + "-frame").getText());
                    await(10, p + " frame moving", () -> !label("#figure-" + p + "-frame").getText().equals(before),
                            () -> fx(() -> label("#figure-" + p + "-frame").getText()));
                    await(10, p + " shows an RTT in ms", () -> RTT.matcher(label("#figure-" + p + "-rtt_ms").getText()).matches(),
                            () -> fx(() -> label("#figure-" + p + "-rtt_ms").getText()));
                }

                robot.clickOn("#force-fallback-" + p0);
                long clicked = System.nanoTime();
                Label chip = label("#transport-" + p0);
                await(5, "relay chip", () -> chip.getStyleClass().contains(Css.TRANSPORT_RELAY), () -> fx(chip::getText));
                long ms = (System.nanoTime() - clicked) / 1_000_000;
                assertTrue(ms <= 2_000, "the chip turned relay after " + ms + " ms (issue 4: within 2 s)");
                assertEquals("relay · forced", fx(chip::getText));
                Label status = label("#status-line");
                await(10, "acknowledged", () -> status.getText().contains("acknowledged"), () -> fx(status::getText));
                assertTrue(label("#transport-" + p1).getStyleClass().contains(Css.TRANSPORT_P2P), "the other peer stays on P2P");

                robot.clickOn("#restore-p2p-" + p0);
                await(20, "back to P2P", () -> !chip.getStyleClass().contains(Css.TRANSPORT_RELAY), () -> fx(chip::getText));
            }
        }
    }
}
