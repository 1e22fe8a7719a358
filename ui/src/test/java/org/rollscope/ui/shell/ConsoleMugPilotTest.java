package org.rollscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.export.TimelineFile;
import org.rollscope.ui.pilot.MugPilotSource;
import org.rollscope.ui.pilot.PilotHandle;
import org.rollscope.ui.session.SessionViewModel;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console running a MUG pilot (headless Monocle): a MUG server takes no Rollscope telemetry, so the pilot's own
 * samples become the console's source when it watches nothing else, and its session (the MUG game) gets the card,
 * the timeline and the export any peer gets. The pilot against a real MUG server needs the e2e namespace
 * (MugPilotPairTest feeds a real participant's samples); here a stand-in answers MUG's {@code GET /<subject>} and the
 * samples are shaped as a pilot's, from a thread of their own as the pilot's loop sends them.
 */
class ConsoleMugPilotTest {

    @TempDir
    Path exports;

    private ConsoleApp app;
    private HttpServer mugStandIn;
    private final FxRobot robot = new FxRobot();

    private ConsoleApp startWatchingNothing() throws Exception {
        FxToolkit.registerPrimaryStage();
        ConsoleSettings settings = new ConsoleSettings(null, exports, null, null, false, null, null);
        app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(settings));
        WaitForAsyncUtils.waitForFxEvents();
        return app;
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (mugStandIn != null) {
            mugStandIn.stop(0);
        }
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; last state: " + state.get());
        }
    }

    private static String fx(Supplier<String> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read::get).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "(unreadable: " + e + ")";
        }
    }

    private Label label(String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    @Test
    void aMugPilotStartedFromAConsoleThatWatchesNothingBecomesItsSource() throws Exception {
        // MUG creates a participant on GET /<subject>; its Socket.IO then fails here, which the pilot line reports.
        mugStandIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mugStandIn.createContext("/", exchange -> {
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/socket.io") ? 404 : 200, -1);
            exchange.close();
        });
        mugStandIn.start();
        String url = "http://127.0.0.1:" + mugStandIn.getAddress().getPort();
        startWatchingNothing();
        WaitForAsyncUtils.asyncFx(() -> app.window().pilot().partnerMug(url, "/", "random", LinkProfile.PERFECT))
                .get(5, TimeUnit.SECONDS);
        await("the pilot's telemetry as the console's source",
                () -> app.window().controller().source() instanceof MugPilotSource,
                () -> fx(() -> app.window().pilot().statusProperty().get()));
        String described = fx(() -> app.window().controller().source().describe());
        assertTrue(described.startsWith("MUG pilot rollscope-pilot-") && described.endsWith(" at " + url + "/"),
                described);
    }

    @Test
    void thePilotsSamplesShowAsTheMugGameWithItsCardAndGoIntoTheExport() throws Exception {
        startWatchingNothing();
        String game = "0caa1a59-39bf-4e6b-a940-6b35fe444a9c";
        List<PeerSample> sent = pilotSamples(game, "1", 30);
        Consumer<PeerSample>[] sink = holder();
        java.util.concurrent.atomic.AtomicInteger forced = new java.util.concurrent.atomic.AtomicInteger();
        MugPilotSource source = new MugPilotSource("MUG pilot rollscope-pilot-t1 at http://mug.test/",
                new PilotHandle() {
                    @Override
                    public void subscribe(Consumer<PeerSample> to) {
                        sink[0] = to;
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<Boolean> forceFallback() {
                        forced.incrementAndGet(); // as a pilot in its game does (the real one: MugPilotWithPageTest)
                        return java.util.concurrent.CompletableFuture.completedFuture(true);
                    }
                });
        WaitForAsyncUtils.asyncFx(() -> app.window().open(source)).get(5, TimeUnit.SECONDS);
        Thread pilotLoop = new Thread(() -> sent.forEach(s -> sink[0].accept(s)), "mug-peer-test");
        pilotLoop.start();
        pilotLoop.join(5_000);

        @SuppressWarnings("unchecked")
        ListView<SessionViewModel> list = robot.lookup("#session-list").queryAs(ListView.class);
        await("the MUG game listed", () -> list.getItems().size() == 1 && game.equals(list.getItems().get(0).gameId()),
                () -> fx(() -> list.getItems().stream().map(SessionViewModel::gameId).toList().toString()));
        robot.clickOn(game);
        PeerSample last = sent.get(sent.size() - 1);
        await("the pilot's card at its last frame",
                () -> String.format("%,d", last.frame()).equals(label("#figure-1-frame").getText()),
                () -> fx(() -> label("#figure-1-frame").getText()));
        assertEquals(3.0, last.rttMs());
        assertEquals("3.0 ms", fx(() -> label("#figure-1-rtt_ms").getText()),
                "every field is reported: the pilot's own P2P RTT, not unknown");
        assertTrue(!robot.lookup("#force-fallback-1").queryAs(Button.class).isDisabled(),
                "the pilot takes force fallback itself (MUG's latch)");
        assertTrue(robot.lookup("#restore-p2p-1").queryAs(Button.class).isDisabled(),
                "MUG's fallback lasts the game: no restore");
        robot.clickOn("#force-fallback-1");
        await("the pilot told to fall back", () -> forced.get() == 1, () -> "forced " + forced.get());

        TimelineFile export = app.window().controller().recorder().snapshot(game, source.describe(), 0);
        assertEquals(sent, export.samples(), "the export holds every sample the pilot sent, as sent");
        assertEquals(PeerSample.SOURCE_MUG_PILOT, export.samples().get(0).source());
    }

    @SuppressWarnings("unchecked")
    private static Consumer<PeerSample>[] holder() {
        return new Consumer[1];
    }

    /** Samples as a MUG pilot's loop builds them: MUG's game and player ids, source mug-pilot, P2P on host ICE. */
    private static List<PeerSample> pilotSamples(String game, String player, int count) {
        List<PeerSample> out = new ArrayList<>();
        long t0 = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            int frame = 10 + 2 * i;
            out.add(new PeerSample(game, player, i, t0 + 100L * i, PeerSample.STATE_RUNNING, 0, frame, frame - 3,
                    -1, frame - 2, 0.5, i / 5, i / 5 * 2, 2, 3, 2, 0, 1.0 + i % 3, 4.0, 0.0, 0L,
                    PeerSample.TRANSPORT_P2P, "ok", frame, 0, frame - 2, 0, 0, null, 20.0, 0.4, null, "host",
                    0.8, null, null, null, List.of(), List.of())
                    .withSource(PeerSample.SOURCE_MUG_PILOT, "rollscope-pilot-t1", List.of(), List.of()));
        }
        return out;
    }
}
