package org.rollscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.RelayConsole;
import org.testfx.api.FxRobot;

/**
 * The console's commands on the real paths: clicked in the window, carried by the real relay (port 0) to real
 * headless peers, answered by them or by the relay. What the operator reads is the relay's own refusal, the relay's
 * timeout for a peer that stopped answering, and the peer's own telemetry after a link change; no stand-in answers.
 */
class ConsoleCommandsRealRelayTest {

    /** A measured round trip as the card prints it (Formats.millis): "7.5 ms", "160 ms". */
    private static final Pattern MILLIS = Pattern.compile("(\\d+(?:\\.\\d)?) ms");

    @TempDir
    Path dir;

    private RelayConsole fixture;
    private FxRobot robot;

    @BeforeEach
    void fixture() {
        fixture = new RelayConsole(dir);
        robot = fixture.robot();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private String status() {
        return fixture.text("#status-line");
    }

    private boolean statusIsError() {
        return Fx.call(() -> fixture.label("#status-line").getStyleClass().contains(Css.STATUS_ERROR));
    }

    private void awaitEnabled(String button) {
        Fx.await(20, button + " enabled", () -> robot.lookup(button).tryQueryAs(Button.class)
                .map(b -> !b.isDisabled()).orElse(false), () -> "disabled or missing");
    }

    /** Starts a console on {@code relay} showing g1 and two peers in it, and waits until both play. */
    private HeadlessPeer[] twoPeersPlaying(RelayServer relay) throws Exception {
        fixture.console(relay.url(), "t", "g1");
        HeadlessPeer a = fixture.peer(relay.url(), "g1");
        HeadlessPeer b = fixture.peer(relay.url(), "g1");
        Fx.await(30, "both peers past frame 60", () -> fixture.bothPast("g1", 60), () -> fixture.describe("g1"));
        return new HeadlessPeer[] {a, b};
    }

    @Test
    void aCommandForASeatWhosePeerLeftIsRefusedByTheRelayAndTheConsoleShowsItsReason() throws Exception {
        RelayServer relay = fixture.relay("t");
        HeadlessPeer[] peers = twoPeersPlaying(relay);
        String gone = peers[1].playerId();
        peers[1].close();
        // The relay frees the seat before it announces "left": once the console shows it, the seat is empty.
        Fx.await(20, "the console logs that " + gone + " left", () -> fixture.session("g1").events().entries().stream()
                .anyMatch(e -> SessionEventRecord.LEFT.equals(e.kind()) && gone.equals(e.playerId())),
                () -> Fx.call(() -> fixture.session("g1").events().entries().toString()));
        assertTrue(!Fx.call(() -> fixture.session("g1").isEnded()), "the other peer still plays: the session is live");
        awaitEnabled("#force-fallback-" + gone);

        robot.clickOn("#force-fallback-" + gone);
        Fx.await(15, "the refusal", () -> fixture.label("#status-line").getText().contains("failed"), this::status);
        assertEquals("Force fallback g1 / " + gone + " failed: player " + gone + " of game g1 is not connected",
                status(), "the relay's reason, word for word");
        assertTrue(statusIsError(), "shown as an error");
    }

    @Test
    void aConnectedPeerThatStopsAnsweringShowsTheRelaysTimeoutNotAHang() throws Exception {
        Duration commandTimeout = Duration.ofMillis(1500);
        RelayServer relay = fixture.relay(RelayConfig.builder().observerToken("t").commandTimeout(commandTimeout));
        HeadlessPeer[] peers = twoPeersPlaying(relay);
        HeadlessPeer hung = peers[0];
        String seat = hung.playerId();
        hung.hangLoop(); // its relay connection stays up: the command is delivered and never acknowledged
        assertTrue(hung.relayConnected(), "still holds its seat");
        awaitEnabled("#force-fallback-" + seat);

        robot.clickOn("#force-fallback-" + seat);
        long clicked = System.nanoTime();
        assertTrue(status().contains(" sent"), "pending while the relay waits: " + status());
        Fx.await(20, "the timeout", () -> fixture.label("#status-line").getText().contains("failed"), this::status);
        long ms = (System.nanoTime() - clicked) / 1_000_000;
        assertEquals("Force fallback g1 / " + seat + " failed: player " + seat + " did not acknowledge force_fallback"
                + " within " + commandTimeout.toMillis() + " ms", status(), "the relay's timeout, not the console's own");
        assertTrue(statusIsError(), "shown as an error");
        assertTrue(ms >= commandTimeout.toMillis() - 100 && ms < commandTimeout.toMillis() + 5_000,
                "answered after the relay's " + commandTimeout.toMillis() + " ms wait, took " + ms + " ms");
    }

    @Test
    void linkConditionsSetInTheDialogReachThePeerAndComeBackInItsTelemetry() throws Exception {
        RelayServer relay = fixture.relay("t");
        HeadlessPeer[] peers = twoPeersPlaying(relay);
        String seat = peers[0].playerId();
        String other = peers[1].playerId();
        Fx.await(20, "the card's RTT", () -> MILLIS.matcher(fixture.label("#figure-" + seat + "-rtt_ms").getText())
                .matches(), () -> fixture.text("#figure-" + seat + "-rtt_ms"));
        double rttBefore = millis(fixture.text("#figure-" + seat + "-rtt_ms"));
        assertEquals("10±2 ms", fixture.text("#metric-" + seat + "-link"), "the link the peer started with");
        assertTrue(rttBefore < 80, "a 10±2 ms link each way: " + rttBefore + " ms");

        awaitEnabled("#link-conditions");
        robot.clickOn("#link-conditions");
        Fx.await(10, "the dialog", () -> robot.lookup("#link-latency-ms").tryQuery().isPresent(), () -> "no dialog");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> target = robot.lookup("#link-target").queryAs(ChoiceBox.class);
        TextField latency = robot.lookup("#link-latency-ms").queryAs(TextField.class);
        TextField jitter = robot.lookup("#link-jitter-ms").queryAs(TextField.class);
        robot.interact(() -> {
            target.setValue(seat);
            latency.setText("150");
            jitter.setText("0");
        });
        robot.clickOn("Apply");
        Fx.await(15, "acknowledged", () -> fixture.label("#status-line").getText().contains("acknowledged"),
                this::status);
        assertEquals("Set link g1 / " + seat + ": acknowledged", status());

        // The peer itself runs with the new link (its own telemetry says so), and the card shows that telemetry.
        LinkProfile wanted = new LinkProfile(150, 0, 0, 0, 0, 0);
        Fx.await(10, "the peer's own sample carries the link", () -> {
            PeerSample s = peers[0].latestSample();
            return s != null && wanted.equals(s.link());
        }, () -> String.valueOf(peers[0].latestSample().link()));
        Fx.await(10, "the card's Link figure", () -> fixture.label("#metric-" + seat + "-link").getText()
                .equals("150±0 ms"), () -> fixture.text("#metric-" + seat + "-link"));
        assertEquals("10±2 ms", fixture.text("#metric-" + other + "-link"), "only the chosen peer");
        // Its pings now wait 150 ms on the way out: the round trip it measures, and the card shows, rises past that.
        Fx.await(20, "the card's RTT past 150 ms", () -> {
            Matcher m = MILLIS.matcher(fixture.label("#figure-" + seat + "-rtt_ms").getText());
            return m.matches() && Double.parseDouble(m.group(1)) > 150;
        }, () -> fixture.text("#figure-" + seat + "-rtt_ms") + " (before: " + rttBefore + " ms)");
        assertTrue(peers[0].latestSample().rttMs() > 150, "the peer's own RTT: " + peers[0].latestSample().rttMs());
    }

    private static double millis(String text) {
        Matcher m = MILLIS.matcher(text);
        assertTrue(m.matches(), "a round trip in ms: " + text);
        return Double.parseDouble(m.group(1));
    }
}
