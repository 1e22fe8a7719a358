package org.rollscope.ui.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.archive.ArchiveExport;
import org.rollscope.netcode.archive.ArchivedSession;
import org.rollscope.netcode.archive.RemoteArchive;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.timeline.TimelineWriter;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.shell.ConsoleApp;
import org.rollscope.ui.shell.ConsoleSettings;
import org.rollscope.ui.timeline.TimelineMetric;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's History against the real archiving relay (port 0) after two real headless peers played a session to
 * its end with one forced fallback: the row's seats, duration and fallbacks; opening it shows the peer cards,
 * timelines and events of the past session; exporting it writes what {@code ctl export} writes, byte for byte.
 */
class HistoryRealRelayTest {
    private static final String GAME = "hist1";

    @TempDir
    Path dir;

    private ConsoleApp app;
    private final FxRobot robot = new FxRobot();

    @AfterEach
    void stop() throws Exception {
        if (app != null) FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private static void await(long seconds, String what, java.util.concurrent.Callable<Boolean> condition,
                              Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "; last state: "
                    + state.get());
        }
    }

    private static <T> T fx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not read from the FX thread", e);
        }
    }

    private Label label(String query) {
        Label l = robot.lookup(query).queryAs(Label.class);
        if (l == null) throw new AssertionError("no label " + query);
        return l;
    }

    @SuppressWarnings("unchecked")
    private TableView<ArchivedSession> table() {
        return robot.lookup("#history-table").queryAs(TableView.class);
    }

    /** What the History's table shows in column {@code id} of row {@code row}. */
    private String cell(int row, String id) {
        return fx(() -> {
            for (TableColumn<ArchivedSession, ?> c : table().getColumns()) {
                if (c.getId().equals("history-col-" + id)) return String.valueOf(c.getCellData(row));
            }
            throw new AssertionError("no column " + id);
        });
    }

    @Test
    void aFinishedSessionIsListedOpensInTheUsualViewsAndExportsAsCtlExportDoes() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("data"))
                .observerToken("t").archive(ArchiveConfig.EMBEDDED).build())) {
            relay.start();
            List<SessionEvent> fallbacks = new CopyOnWriteArrayList<>();
            ObserverClient observer = new ObserverClient(relay.url(), "t").addListener(new ObserverListener() {
                @Override
                public void onSessionEvent(SessionEvent e) {
                    if (GAME.equals(e.gameId()) && "fallback".equals(e.kind())) fallbacks.add(e);
                }
            });
            try {
                observer.connect().get(30, TimeUnit.SECONDS);
                playToTheEndWithOneForcedFallback(relay, observer);
            } finally {
                observer.close();
            }
            Await.until(Duration.ofSeconds(30), "the archive to write the ended session",
                    () -> relay.archiveStats().queued() == 0 && archived(relay).ended(), relay::archiveStats);
            ArchivedSession expected = archived(relay);

            FxToolkit.registerPrimaryStage();
            ConsoleSettings settings = new ConsoleSettings(() -> new RelaySource(relay.url(), "t"),
                    dir.resolve("exports"), null, null, false, null, null);
            app = (ConsoleApp) FxToolkit.setupApplication(() -> new ConsoleApp(settings));

            // The row: seats, duration, fallbacks as the session had them.
            robot.clickOn("#history");
            await(30, "the History to list " + GAME, () -> table().getItems().size() == 1,
                    () -> fx(() -> table().getItems().toString() + " / " + label("#status-line").getText()));
            assertEquals(GAME, cell(0, "game"));
            assertEquals("0, 1", cell(0, "seats"));
            long durationMs = expected.durationMs();
            assertTrue(durationMs >= 9_000 && durationMs < 120_000, "600 frames at 60 fps last ~10 s: " + durationMs);
            assertEquals(org.rollscope.ui.fx.Formats.duration(durationMs), cell(0, "duration"));
            assertEquals(1, fallbacks.size(), "one forced fallback: " + fallbacks);
            assertEquals("1", cell(0, "fallbacks"));
            assertEquals(org.rollscope.ui.fx.Formats.integer(expected.samples()), cell(0, "samples"));
            assertEquals("ended", cell(0, "state"));
            assertEquals("1 session", fx(() -> label("#history-summary").getText()));

            // The filter: game or player text.
            TextField filter = robot.lookup("#history-filter").queryAs(TextField.class);
            robot.interact(() -> filter.setText("no-such-game"));
            assertEquals(0, (int) fx(() -> table().getItems().size()));
            assertEquals("0 of 1 sessions", fx(() -> label("#history-summary").getText()));
            robot.interact(() -> filter.setText("HIST"));
            assertEquals(1, (int) fx(() -> table().getItems().size()));

            // Open it: the usual views, filled from the archive.
            robot.clickOn(robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c
                    && GAME.equals(c.getText())).<javafx.scene.Node>query());
            assertEquals(GAME, fx(() -> table().getSelectionModel().getSelectedItem().gameId()), "the row selected");
            robot.clickOn("#history-open");
            await(30, "the past session's peer cards", () -> robot.lookup("#detail-title").tryQuery().isPresent()
                    && robot.lookup("#detail-title").queryAs(Label.class).isVisible()
                    && GAME.equals(robot.lookup("#detail-title").queryAs(Label.class).getText())
                    && app.window().model().session(GAME, false) != null
                    && app.window().model().session(GAME, false).peers().size() == 2
                    && robot.lookup("#figure-0-frame").tryQuery().isPresent(),
                    () -> fx(() -> label("#status-line").getText()));
            await(30, "every archived sample replayed", () -> label("#status-line").getText()
                    .startsWith("Opened " + GAME + " from the archive: " + expected.samples() + " samples"),
                    () -> fx(() -> label("#status-line").getText()));
            for (String seat : new String[] {"0", "1"}) {
                await(30, "seat " + seat + "'s last frame", () -> label("#figure-" + seat + "-frame").getText()
                        .matches("\\d+"), () -> fx(() -> label("#figure-" + seat + "-frame").getText()));
            }
            int rttPoints = fx(() -> app.window().model().session(GAME, false).timeline()
                    .series(TimelineMetric.RTT, 0).liveCount());
            assertTrue(rttPoints > 10, "the RTT timeline has the archived points: " + rttPoints);
            assertTrue(fx(() -> app.window().model().session(GAME, false).timeline().markers().stream()
                    .anyMatch(m -> "fallback".equals(m.kind()))), "the fallback is marked on the timelines");
            assertTrue(fx(() -> app.window().model().allEvents().entries().stream()
                    .anyMatch(e -> "fallback".equals(e.kind()) && "0".equals(e.playerId()))), "and in the events");
            assertTrue(fx(() -> app.window().model().session(GAME, false).isEnded()), "it shows as ended");

            // Export it from the History: the same files as ctl export.
            robot.clickOn("#history");
            await(30, "the History again, " + GAME + " still selected", () -> table().getSelectionModel()
                    .getSelectedItem() != null, () -> fx(() -> label("#status-line").getText()));
            robot.clickOn("#history-export");
            await(10, "the export dialog", () -> robot.lookup("#export-base-name").tryQuery().isPresent(), () -> "");
            TextField base = robot.lookup("#export-base-name").queryAs(TextField.class);
            robot.interact(() -> base.setText("from-history"));
            robot.clickOn("#export-run");
            await(60, "the export", () -> label("#status-line").getText().startsWith("Exported " + GAME),
                    () -> fx(() -> label("#status-line").getText()));

            Path ctl = ctlExport(relay, dir.resolve("ctl/" + GAME + "-samples.csv"));
            Path samples = dir.resolve("exports/from-history-samples.csv");
            assertEquals(expected.samples() + 1, Files.readAllLines(samples).size(), "header + every sample");
            assertArrayEquals(Files.readAllBytes(ctl), Files.readAllBytes(samples), "samples CSV as ctl export");
            assertArrayEquals(Files.readAllBytes(ArchiveExport.eventsCsv(ctl)),
                    Files.readAllBytes(dir.resolve("exports/from-history-events.csv")), "events CSV as ctl export");
            assertTrue(Files.exists(dir.resolve("exports/from-history.json")));
        }
    }

    private static void playToTheEndWithOneForcedFallback(RelayServer relay, ObserverClient observer)
            throws Exception {
        PeerConfig config = PeerConfig.builder(relay.url()).gameId(GAME).episodes(1).framesPerEpisode(600).build();
        try (HeadlessPeer a = new HeadlessPeer(config.toBuilder().playerId("0").build()).start();
             HeadlessPeer b = new HeadlessPeer(config.toBuilder().playerId("1").build()).start()) {
            Await.until(Duration.ofSeconds(30), "both peers on P2P", () -> p2p(a) && p2p(b),
                    () -> a.latestSample() + " / " + b.latestSample());
            assertTrue(observer.forceFallback(GAME, "0").get(15, TimeUnit.SECONDS).ok(), "fallback forced");
            a.finished().get(90, TimeUnit.SECONDS);
            b.finished().get(90, TimeUnit.SECONDS);
        }
    }

    private static boolean p2p(HeadlessPeer peer) {
        PeerSample s = peer.latestSample();
        return s != null && "p2p".equals(s.transport());
    }

    /** The archive's own summary of the session, read as ctl history reads it. */
    private static ArchivedSession archived(RelayServer relay) {
        ObserverClient client = new ObserverClient(relay.url(), "t");
        try {
            client.connect().get(30, TimeUnit.SECONDS);
            return new RemoteArchive(client).sessions(null, GAME).get(0);
        } catch (Exception e) {
            throw new AssertionError("the archive could not be read", e);
        } finally {
            client.close();
        }
    }

    /** Exactly what {@code rollscope ctl export --game G --format csv --out F} runs (app's CtlArchiveSubcommands). */
    private static Path ctlExport(RelayServer relay, Path out) throws Exception {
        ObserverClient client = new ObserverClient(relay.url(), "t");
        try {
            client.connect().get(30, TimeUnit.SECONDS);
            new ArchiveExport().write(new RemoteArchive(client).timeline(GAME, null, null), ArchiveExport.Format.CSV,
                    out, System.currentTimeMillis(), TimelineWriter.Progress.NONE);
            return out;
        } finally {
            client.close();
        }
    }
}
