package org.rollscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.export.ReplaySource;
import org.rollscope.ui.export.TimelineFile;
import org.rollscope.ui.export.TimelineReader;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.testing.ManualSource;
import org.rollscope.ui.testing.SyntheticSession;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real console window (ConsoleApp, headless Monocle) fed by recorded sessions: a replayed timeline and a source
 * the test steps sample by sample. Waits poll FX state with a deadline; no sleeps.
 */
class ConsoleAppTest {

    @TempDir
    Path exports;

    private ConsoleApp app;
    private final FxRobot robot = new FxRobot();

    private ConsoleApp start(Supplier<SessionSource> source) throws Exception {
        FxToolkit.registerPrimaryStage();
        ConsoleSettings settings = new ConsoleSettings(source, exports, null, null, false, null, null);
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
    }

    private static void await(String what, java.util.concurrent.Callable<Boolean> condition, Supplier<String> state) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; last state: " + state.get());
        }
    }

    private String fx(Supplier<String> read) {
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
    void sessionListShowsTheReplayedSessionsAndSelectingOneShowsBothPeersFigures() throws Exception {
        TimelineFile file = SyntheticSession.merge(SyntheticSession.generate("lab-7f3a", 30, 7, false),
                SyntheticSession.generate("lab-2c91", 20, 11, true));
        start(() -> new ReplaySource(file, "recorded.json", 0, false));
        @SuppressWarnings("unchecked")
        ListView<SessionViewModel> list = robot.lookup("#session-list").queryAs(ListView.class);
        await("both sessions listed", () -> list.getItems().size() == 2,
                () -> fx(() -> list.getItems().stream().map(SessionViewModel::gameId).toList().toString()));
        assertEquals("lab-7f3a", fx(() -> list.getItems().get(0).gameId()), "live sessions first");
        assertTrue(Boolean.parseBoolean(fx(() -> String.valueOf(list.getItems().get(1).isEnded()))));

        robot.clickOn("lab-2c91");
        await("detail of lab-2c91", () -> "lab-2c91".equals(label("#detail-title").getText()),
                () -> fx(() -> label("#detail-title").getText()));
        robot.clickOn("lab-7f3a");
        await("detail of lab-7f3a", () -> "lab-7f3a".equals(label("#detail-title").getText()),
                () -> fx(() -> label("#detail-title").getText()));

        for (String player : List.of("p1", "p2")) {
            PeerSample last = file.samples().stream()
                    .filter(s -> s.gameId().equals("lab-7f3a") && s.playerId().equals(player)).reduce((a, b) -> b).orElseThrow();
            Label frame = label("#figure-" + player + "-frame");
            Label rtt = label("#figure-" + player + "-rtt_ms");
            assertEquals(String.format("%,d", last.frame()), fx(frame::getText), player + " frame");
            assertEquals(String.format(java.util.Locale.ROOT, "%.0f ms", last.rttMs()), fx(rtt::getText), player + " rtt");
            assertTrue(robot.lookup("#figure-" + player + "-gap_rate").queryAs(Label.class).isVisible());
        }
        assertTrue(fx(() -> label("#drift").getText()).endsWith("frames (seat 0 vs seat 1)"), fx(() -> label("#drift").getText()));
        // A replay cannot be steered: the buttons are disabled (and say why in their tooltip).
        assertTrue(robot.lookup("#force-fallback-p1").queryAs(Button.class).isDisabled());
    }

    @Test
    void aRelaySampleTurnsThatPeersTransportChipToRelayAndBack() throws Exception {
        TimelineFile recorded = SyntheticSession.generate("lab-7f3a", 60, 7, false);
        List<PeerSample> p1 = recorded.samples().stream().filter(s -> s.playerId().equals("p1")).toList();
        int firstRelay = indexOf(p1, PeerSample.TRANSPORT_RELAY, 0);
        int backToP2p = indexOf(p1, PeerSample.TRANSPORT_P2P, firstRelay);
        ManualSource source = new ManualSource();
        start(() -> source);
        await("connected", source::connected, () -> "not connected");
        for (PeerSample s : recorded.samples()) {
            if (s.playerId().equals("p2") || p1.indexOf(s) < firstRelay) source.sample(s);
        }
        await("p1 card shown", () -> robot.lookup("#transport-p1").tryQuery().isPresent(), () -> "no card yet");
        Label c = label("#transport-p1");
        assertEquals("p2p · ok", fx(c::getText));
        assertTrue(c.getStyleClass().contains(Css.TRANSPORT_P2P));

        source.sample(p1.get(firstRelay));
        await("relay chip", () -> c.getStyleClass().contains(Css.TRANSPORT_RELAY),
                () -> fx(() -> c.getText() + " " + c.getStyleClass()));
        assertEquals("relay · rtt", fx(c::getText));
        assertFalse(c.getStyleClass().contains(Css.TRANSPORT_P2P));
        assertEquals("p2p · ok", fx(() -> label("#transport-p2").getText()), "the other peer stayed on P2P");

        for (int i = firstRelay + 1; i <= backToP2p; i++) source.sample(p1.get(i));
        await("back to p2p", () -> c.getStyleClass().contains(Css.TRANSPORT_P2P), () -> fx(c::getText));
    }

    private static int indexOf(List<PeerSample> samples, String transport, int from) {
        for (int i = from; i < samples.size(); i++) {
            if (samples.get(i).transport().equals(transport)) return i;
        }
        throw new AssertionError("recording has no " + transport + " after " + from);
    }

    @Test
    void forceFallbackSendsTheCommandAndShowsTheAcknowledgementOrTheError() throws Exception {
        ManualSource source = new ManualSource();
        start(() -> source);
        await("connected", source::connected, () -> "not connected");
        SyntheticSession.generate("g9", 2, 3, false).samples().forEach(source::sample);
        await("force fallback enabled", () -> robot.lookup("#force-fallback-p1").tryQueryAs(Button.class)
                .map(b -> !b.isDisabled()).orElse(false), () -> "no enabled button");
        robot.clickOn("#force-fallback-p1");
        Label status = label("#status-line");
        await("acknowledged", () -> status.getText().contains("acknowledged"), () -> fx(status::getText));
        assertEquals("Force fallback g9 / p1: acknowledged", fx(status::getText));
        assertEquals(List.of("force_fallback g9 p1"), source.commands);
        robot.clickOn("#refresh");
        await("refresh acknowledged", () -> status.getText().equals("Refresh: acknowledged"), () -> fx(status::getText));
        robot.clickOn("#restore-p2p-both");
        await("error shown", () -> status.getStyleClass().contains(Css.STATUS_ERROR), () -> fx(status::getText));
        assertTrue(fx(status::getText).contains("did not answer within 2 s"), fx(status::getText));
    }

    @Test
    void openingAnExportedTimelineReplacesTheLiveSourceAndShowsTheSameSession() throws Exception {
        TimelineFile recorded = SyntheticSession.generate("lab-old", 15, 9, true);
        Path json = exports.resolve("old.json");
        try (var out = Files.newOutputStream(json)) {
            new org.rollscope.ui.export.TimelineExporter().writeJson(recorded, out,
                    org.rollscope.ui.export.TimelineExporter.Progress.NONE);
        }
        ManualSource live = new ManualSource();
        start(() -> live);
        await("connected", live::connected, () -> "not connected");
        SyntheticSession.generate("lab-live", 2, 3, false).samples().forEach(live::sample);
        @SuppressWarnings("unchecked")
        ListView<SessionViewModel> list = robot.lookup("#session-list").queryAs(ListView.class);
        await("live session listed", () -> list.getItems().size() == 1, () -> "none");

        robot.interact(() -> app.window().openTimeline(json));
        await("only the recorded session", () -> list.getItems().size() == 1
                && list.getItems().get(0).gameId().equals("lab-old") && list.getItems().get(0).isEnded(),
                () -> fx(() -> list.getItems().stream().map(SessionViewModel::gameId).toList().toString()));
        Label status = label("#status-line");
        await("opened", () -> status.getText().startsWith("Opened old.json: " + recorded.samples().size() + " samples"),
                () -> fx(status::getText));
        await("replay loaded", () -> label("#connection-state").getText().equals("Connected"),
                () -> fx(() -> label("#connection-state").getText()));
        PeerSample last = recorded.samples().stream().filter(s -> s.playerId().equals("p2")).reduce((a, b) -> b).orElseThrow();
        await("p2 card", () -> robot.lookup("#figure-p2-frame").tryQuery().isPresent(), () -> "no card");
        assertEquals(String.format("%,d", last.frame()), fx(() -> label("#figure-p2-frame").getText()));
        // What the old live source still sends is ignored.
        live.sample(org.rollscope.ui.testing.Samples.running("lab-live", "p1", 99, 99_000, 6_000));
        WaitForAsyncUtils.waitForFxEvents(3);
        assertEquals(1, list.getItems().size());
    }

    @Test
    void aBrokenTimelineFileShowsAClearErrorAndKeepsWhatWasShown() throws Exception {
        Path broken = exports.resolve("broken.json");
        Files.writeString(broken, "{\"meta\": {\"format\": \"rollscope-timeline\"");
        TimelineFile file = SyntheticSession.generate("lab-7f3a", 5, 7, false);
        start(() -> new ReplaySource(file, "recorded.json", 0, false));
        @SuppressWarnings("unchecked")
        ListView<SessionViewModel> list = robot.lookup("#session-list").queryAs(ListView.class);
        await("session listed", () -> list.getItems().size() == 1, () -> "none");
        robot.interact(() -> app.window().openTimeline(broken));
        Label status = label("#status-line");
        await("error shown", () -> status.getText().startsWith("Could not open broken.json: broken.json is not a readable timeline"),
                () -> fx(status::getText));
        assertTrue(status.getStyleClass().contains(Css.STATUS_ERROR));
        assertEquals(1, list.getItems().size());
    }

    @Test
    void linkConditionsDialogShowsThePresetNumbersAndSendsThem() throws Exception {
        ManualSource source = new ManualSource();
        start(() -> source);
        await("connected", source::connected, () -> "not connected");
        SyntheticSession.generate("g9", 2, 3, false).samples().forEach(source::sample);
        await("link conditions enabled", () -> robot.lookup("#link-conditions").tryQueryAs(Button.class)
                .map(b -> !b.isDisabled()).orElse(false), () -> "no enabled button");
        robot.clickOn("#link-conditions");
        await("dialog", () -> robot.lookup("#preset-congested").tryQuery().isPresent(), () -> "no dialog");
        robot.clickOn("#preset-congested");
        TextField latency = robot.lookup("#link-latency-ms").queryAs(TextField.class);
        TextField bandwidth = robot.lookup("#link-bandwidth-kbps").queryAs(TextField.class);
        assertEquals("90", fx(latency::getText));
        assertEquals("256", fx(bandwidth::getText));
        robot.interact(() -> latency.setText("120"));
        robot.clickOn("Apply");
        Label status = label("#status-line");
        await("acknowledged", () -> status.getText().contains("acknowledged"), () -> fx(status::getText));
        assertEquals(1, source.commands.size());
        assertTrue(source.commands.get(0).startsWith("set_link g9 null LinkProfile[latencyMs=120.0, jitterMs=40.0"),
                source.commands.get(0));
    }

    @Test
    void theExportButtonWritesCsvAndJsonWithOneRowPerSampleReceived() throws Exception {
        TimelineFile file = SyntheticSession.generate("lab-7f3a", 25, 7, true);
        start(() -> new ReplaySource(file, "recorded.json", 0, false));
        @SuppressWarnings("unchecked")
        ListView<SessionViewModel> list = robot.lookup("#session-list").queryAs(ListView.class);
        await("session listed", () -> list.getItems().size() == 1, () -> "none");
        await("all samples received", () -> app.window().controller().recorder().sampleCount() == file.samples().size(),
                () -> "recorded " + app.window().controller().recorder().sampleCount());
        robot.clickOn("lab-7f3a");
        robot.clickOn("#export");
        await("export dialog", () -> robot.lookup("#export-directory").tryQuery().isPresent(), () -> "no dialog");
        TextField base = robot.lookup("#export-base-name").queryAs(TextField.class);
        robot.interact(() -> base.setText("test-export"));
        robot.clickOn("#export-run");
        Path csv = exports.resolve("test-export-samples.csv");
        Path json = exports.resolve("test-export.json");
        Path png = exports.resolve("test-export-timelines.png");
        Label status = label("#status-line");
        await("export finished", () -> status.getText().startsWith("Exported"), () -> fx(status::getText));
        assertTrue(Files.exists(csv) && Files.exists(json) && Files.exists(exports.resolve("test-export-events.csv")));
        assertTrue(Files.size(png) > 1_000, "the charts were saved as PNG too");

        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv.toFile())) {
            assertEquals(file.samples().size(), rows.readAll().size());
        }
        TimelineFile back = new TimelineReader().read(json);
        assertEquals(file.samples(), back.samples());
        assertEquals(file.events(), back.events());
    }
}
