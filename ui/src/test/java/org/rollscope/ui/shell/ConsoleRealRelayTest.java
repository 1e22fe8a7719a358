package org.rollscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.TcpProxy;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.export.ExportRequest;
import org.rollscope.netcode.timeline.TimelineColumns;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.health.HealthGrade;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.RelayConsole;
import org.testfx.api.FxRobot;

/**
 * The console window on the real relay (port 0) with real headless peers: export, a wrong token, a relay restart,
 * and the built-in pilot peer. Each test waits on the FX thread's state with a deadline and reports the last state.
 */
class ConsoleRealRelayTest {

    /** The documented sample columns (docs/console.md, telemetry.md §1 in order, link flattened). */
    private static final List<String> DOCUMENTED_COLUMNS = List.of("game_id", "player_id", "seq", "t_ms", "state",
            "episode", "frame", "confirmed_frame", "verified_frame", "remote_frame", "frame_advantage", "rollbacks",
            "rollback_frames", "last_rollback_depth", "max_rollback_depth", "predicted_frames", "stalls", "rtt_ms",
            "relay_rtt_ms", "gap_rate", "buffered_amount", "transport", "transport_reason", "inputs_sent_p2p",
            "inputs_sent_relay", "inputs_recv_p2p", "inputs_recv_relay", "desyncs", "last_desync_frame", "fps",
            "step_ms", "link.latency_ms", "link.jitter_ms", "link.loss", "link.duplicate", "link.reorder",
            "link.bandwidth_kbps", "source");

    @TempDir
    Path dir;

    private RelayConsole fixture;
    private FxRobot robot;
    private ConsoleApp app;

    @BeforeEach
    void fixture() {
        fixture = new RelayConsole(dir);
        robot = fixture.robot();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private RelayServer relay(String token) throws Exception {
        return fixture.relay(token);
    }

    private HeadlessPeer peer(String url, String game) {
        return fixture.peer(url, game);
    }

    private void console(String url, String token, String select) throws Exception {
        app = fixture.console(url, token, select);
    }

    private static void await(long seconds, String what, Callable<Boolean> condition, Supplier<String> state) {
        Fx.await(seconds, what, condition, state);
    }

    private static <T> T fx(Callable<T> read) {
        return Fx.call(read);
    }

    private String connectionText() {
        return fx(() -> robot.lookup("#connection-state").queryAs(Label.class).getText());
    }

    /** N of the export's "Exported N samples, ..." status. */
    private static int exportedSamples(String status) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Exported (\\d+) samples").matcher(status);
        assertTrue(m.find(), "an export status: " + status);
        return Integer.parseInt(m.group(1));
    }

    private String describe(String game) {
        return fixture.describe(game);
    }

    /** True once {@code game} shows two peers whose frames are past {@code frame}. */
    private boolean bothPast(String game, int frame) {
        return fixture.bothPast(game, frame);
    }

    @Test
    void exportWritesParsableCsvAndJsonWithOneRowPerSampleAndTheJsonReopensTheSameSession() throws Exception {
        RelayServer relay = relay("t");
        console(relay.url(), "t", "g1");
        HeadlessPeer a = peer(relay.url(), "g1");
        HeadlessPeer b = peer(relay.url(), "g1");
        await(30, "both peers past frame 120", () -> bothPast("g1", 120), () -> describe("g1"));
        a.close();
        b.close();
        // The export writes the recorder's snapshot at the moment it starts; the status names its size. Counting
        // against that (not against a count read earlier) leaves no race with samples still arriving.
        // ConsoleExportRealRelayTest proves that the snapshot holds every sample the relay received.
        Path out = dir.resolve("export");
        fx(() -> app.window().exports().export(new ExportRequest(out, "g1-test", "g1", true, true), null));
        await(30, "export finished", () -> !app.window().exports().runningProperty().get()
                && Files.exists(out.resolve("g1-test.json")), () -> fx(() -> app.window().model().statusProperty().get().text()));
        int received = exportedSamples(fx(() -> app.window().model().statusProperty().get().text()));

        CsvMapper csv = new CsvMapper();
        List<String> header = List.of(Files.readAllLines(out.resolve("g1-test-samples.csv")).get(0).split(","));
        assertEquals(DOCUMENTED_COLUMNS, header, "documented sample columns, in order");
        assertEquals(TimelineColumns.SAMPLE_COLUMNS, header);
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(out.resolve("g1-test-samples.csv").toFile())) {
            it.forEachRemaining(rows::add);
        }
        assertEquals(received, rows.size(), "one CSV row per sample received");
        Set<String> seats = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Map<String, String> r : rows) {
            assertEquals("g1", r.get("game_id"));
            seats.add(r.get("player_id"));
            keys.add(r.get("player_id") + "/" + r.get("seq"));
            Integer.parseInt(r.get("frame"));
            assertTrue(r.get("source").contains("relay"), "names its source: " + r.get("source"));
        }
        assertEquals(2, seats.size(), "rows of both peers");
        assertEquals(rows.size(), keys.size(), "no sample twice");
        assertTrue(rows.size() >= 2 * 10, "about 10 rows per second per peer, got " + rows.size());
        List<String> eventHeader = List.of(Files.readAllLines(out.resolve("g1-test-events.csv")).get(0).split(","));
        assertEquals(List.of("game_id", "player_id", "t_ms", "kind", "detail"), eventHeader);

        JsonNode json = new ObjectMapper().readTree(out.resolve("g1-test.json").toFile());
        assertTrue(json.has("meta") && json.has("events"), "meta, samples, events");
        assertEquals(received, json.get("samples").size(), "one JSON sample per sample received");

        fx(() -> {
            app.window().openTimeline(out.resolve("g1-test.json"));
            return null;
        });
        await(30, "the reopened timeline", () -> app.window().controller().source() != null
                && !(app.window().controller().source() instanceof RelaySource)
                && app.window().controller().recorder().sampleCount() == received
                && app.window().model().session("g1", false) != null
                && app.window().model().session("g1", false).peers().size() == 2,
                () -> describe("g1") + ", recorded " + fx(() -> app.window().controller().recorder().sampleCount()));
        assertEquals(seats, new HashSet<>(fx(() -> app.window().model().session("g1", false).playerIds())));
    }

    @Test
    void aDesyncOnARealPeerIsMarkedByTheConsoleAndCarriedByTheExport() throws Exception {
        RelayServer relay = relay("t");
        console(relay.url(), "t", "g1");
        HeadlessPeer corrupted = new HeadlessPeer(PeerConfig.builder(relay.url()).gameId("g1").episodes(1)
                .framesPerEpisode(60 * 120).link(new LinkProfile(10, 2, 0, 0, 0, 0)).build()).corruptStateAt(0, 90);
        fixture.track(corrupted);
        corrupted.start();
        peer(relay.url(), "g1");
        // The relay's desync event reaches the console: event log, a timeline marker, the session critical, and the
        // reporting peer's desync figures graded critical on its card.
        await(60, "the desync in the console", () -> {
            SessionViewModel s = app.window().model().session("g1", false);
            return s != null && s.events().entries().stream().anyMatch(e -> SessionEventRecord.DESYNC.equals(e.kind()))
                    && s.timeline().markers().stream().anyMatch(m -> SessionEventRecord.DESYNC.equals(m.kind()))
                    && s.health() == HealthGrade.CRITICAL;
        }, () -> describe("g1") + "; events " + fx(() -> app.window().model().session("g1", false) == null ? "-"
                : app.window().model().session("g1", false).events().entries().toString()));
        String reporter = fx(() -> app.window().model().session("g1", false).events().entries().stream()
                .filter(e -> SessionEventRecord.DESYNC.equals(e.kind())).findFirst().orElseThrow().playerId());
        await(20, "the reporting peer's card graded critical", () -> robot.lookup("#metric-" + reporter + "-desyncs")
                .queryAs(Label.class).getStyleClass().contains(Css.grade(HealthGrade.CRITICAL)),
                () -> fx(() -> robot.lookup("#metric-" + reporter + "-desyncs").queryAs(Label.class).getStyleClass()
                        .toString()));

        Path out = dir.resolve("export-desync");
        fx(() -> app.window().exports().export(new ExportRequest(out, "g1-desync", "g1", true, true), null));
        await(30, "export finished", () -> !app.window().exports().runningProperty().get()
                && Files.exists(out.resolve("g1-desync.json")), () -> fx(() -> app.window().model().statusProperty()
                .get().text()));
        List<Map<String, String>> events = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(out.resolve("g1-desync-events.csv").toFile())) {
            it.forEachRemaining(events::add);
        }
        assertTrue(events.stream().anyMatch(e -> "desync".equals(e.get("kind")) && reporter.equals(e.get("player_id"))
                && e.get("detail").contains("frame")), "the events CSV carries the desync: " + events);
        JsonNode json = new ObjectMapper().readTree(out.resolve("g1-desync.json").toFile());
        boolean inJson = false;
        for (JsonNode e : json.get("events")) {
            inJson |= "desync".equals(e.path("kind").asText());
        }
        assertTrue(inJson, "the JSON export carries the desync: " + json.get("events"));
        boolean counted = false;
        for (JsonNode s : json.get("samples")) {
            counted |= reporter.equals(s.path("player_id").asText()) && s.path("desyncs").asLong() > 0;
        }
        assertTrue(counted, "the reporting peer's samples count the desync");
    }

    @Test
    void aWrongTokenShowsRefusedWithTheReason() throws Exception {
        RelayServer relay = relay("right");
        console(relay.url(), "wrong", null);
        await(20, "refused", () -> connectionText().startsWith("Refused"), this::connectionText);
        String text = connectionText();
        assertTrue(text.toLowerCase(java.util.Locale.ROOT).contains("token"), "says why: " + text);
    }

    @Test
    void aRelayRestartIsFollowedByReconnectionAndFreshData() throws Exception {
        RelayServer first = relay("t");
        // The console keeps one address; the relay comes back on a fresh ephemeral port behind it (closing a port
        // and binding the same number again could lose it to another process meanwhile).
        TcpProxy proxy = new TcpProxy(first.port());
        fixture.track(proxy);
        console(proxy.url(), "t", null);
        HeadlessPeer a = peer(first.url(), "before");
        HeadlessPeer b = peer(first.url(), "before");
        await(30, "data before the restart", () -> bothPast("before", 30), () -> describe("before"));
        a.close();
        b.close();
        first.close();
        proxy.cut();
        await(20, "the console notices", () -> !connectionText().equals("Connected"), this::connectionText);

        RelayServer second = relay("t");
        proxy.retarget(second.port());
        await(40, "reconnected", () -> connectionText().equals("Connected"), this::connectionText);
        peer(second.url(), "after");
        peer(second.url(), "after");
        await(30, "fresh data after the restart", () -> bothPast("after", 30), () -> describe("after"));
    }

    @Test
    void thePilotPeerJoinsAnOpenSeatAndTheSessionRuns() throws Exception {
        RelayServer relay = relay("t");
        console(relay.url(), "t", "g1");
        peer(relay.url(), "g1"); // waits for a second player
        await(30, "the waiting session selected", () -> {
            SessionViewModel s = app.window().model().session("g1", false);
            return s != null && s.peers().size() == 1
                    && robot.lookup("#detail-title").queryAs(Label.class).getText().equals("g1");
        }, () -> describe("g1"));

        robot.clickOn("#pilot-start");
        await(10, "the pilot dialog", () -> robot.lookup("#pilot-join").tryQuery().isPresent(), () -> "no dialog");
        assertTrue(fx(() -> robot.lookup("#pilot-join").queryAs(javafx.scene.control.RadioButton.class).isSelected()),
                "joining the selected session's open seat is the default");
        robot.clickOn("OK");
        await(30, "two peers running", () -> bothPast("g1", 120), () -> describe("g1"));
        Label status = robot.lookup("#pilot-status").queryAs(Label.class);
        await(10, "the pilot's status", () -> status.getText().contains("g1") && status.getText().contains("seat"),
                () -> fx(status::getText));

        robot.clickOn("#pilot-stop");
        await(10, "pilot stopped", () -> status.getText().startsWith("Pilot stopped"), () -> fx(status::getText));
        assertTrue(fx(() -> app.window().pilot().runningProperty().get()) == false);
    }

    @Test
    void aPilotSessionWaitsForASecondPlayerAndRunsOnceOneJoins() throws Exception {
        RelayServer relay = relay("t");
        console(relay.url(), "t", null);
        await(20, "connected", () -> connectionText().equals("Connected"), this::connectionText);
        fx(() -> {
            app.window().pilot().openPilotSession("scripted", LinkProfile.parse("latency=20,jitter=5"));
            return null;
        });
        await(20, "the pilot running", () -> app.window().pilot().runningProperty().get(),
                () -> fx(() -> app.window().pilot().statusProperty().get()));
        String game = fx(() -> app.window().pilot().gameIdProperty().get());
        assertTrue(game.startsWith("pilot-"), game);
        await(20, "the pilot session listed", () -> app.window().model().session(game, false) != null, () -> describe(game));

        peer(relay.url(), game); // the second player
        await(30, "two peers running", () -> bothPast(game, 120), () -> describe(game));
        fx(() -> {
            app.window().pilot().stop();
            return null;
        });
        await(10, "pilot stopped", () -> !app.window().pilot().runningProperty().get(),
                () -> fx(() -> app.window().pilot().statusProperty().get()));
    }
}
