package org.rollscope.ui.shell;

import java.io.IOException;
import java.nio.file.Path;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.rollscope.ui.command.ActionsViewModel;
import org.rollscope.ui.command.LinkDialog;
import org.rollscope.ui.events.EventLogView;
import org.rollscope.ui.export.ChartPng;
import org.rollscope.ui.export.ReplaySource;
import org.rollscope.ui.export.TimelineFile;
import org.rollscope.ui.export.TimelineReader;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.history.HistoryView;
import org.rollscope.ui.history.HistoryViewModel;
import org.rollscope.ui.session.ConsoleModel;
import org.rollscope.ui.session.SessionDetailView;
import org.rollscope.ui.session.SessionListView;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.session.StatusMessage;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.timeline.TimelineViewModel;

/**
 * The main window: a toolbar (connection state, source, open a timeline, export, save charts as PNG), a status line
 * for the outcome of the last action, the session list with the overall event log on the left, and the selected
 * session on the right.
 */
public final class ConsoleWindow {

    private final ConsoleSettings settings;
    private final ConsoleModel model = new ConsoleModel();
    private final TimelineViewModel timelineVm = new TimelineViewModel();
    private final ConsoleController controller;
    private final SessionListView sessionList;
    private final SessionDetailView detail;
    private final ExportViewModel exports;
    /** The window's one thread for file work (exports, opening timelines), so the FX thread never waits on disk. */
    private final java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rollscope-io");
        t.setDaemon(true);
        return t;
    });
    private final BorderPane root = new BorderPane();
    private final Label connection = new Label();
    private final Label sourceName = new Label();
    private final Label status = new Label();
    private final ProgressBar exportProgress = new ProgressBar();
    /** The built-in pilot peer: plays through the relay this window watches. */
    private final org.rollscope.ui.pilot.PilotPeerService pilotService = new org.rollscope.ui.pilot.PilotPeerService();
    private final org.rollscope.ui.pilot.PilotPeerViewModel pilot = new org.rollscope.ui.pilot.PilotPeerViewModel(
            pilotService, this::relayUrl, javafx.application.Platform::runLater, System::currentTimeMillis);
    private final org.rollscope.ui.connect.RecentServers recentServers = new org.rollscope.ui.connect.RecentServers();
    /** Past sessions from the watched relay's archive; shown instead of the live views while the toggle is on. */
    private final HistoryViewModel history;
    private final HistoryView historyView;
    private final ToggleButton historyToggle = new ToggleButton("History");
    private SplitPane liveViews;

    public ConsoleWindow(ConsoleSettings settings) {
        this.settings = settings;
        timelineVm.windowProperty().set(settings.initialWindow());
        this.sessionList = new SessionListView(model);
        // The detail's timelines follow the newest data once per pulse, after the drain.
        SessionDetailView[] detailRef = new SessionDetailView[1];
        this.controller = new ConsoleController(model, () -> {
            if (detailRef[0] != null) detailRef[0].afterDrain();
            model.tick();
            autoSelect();
            pilot.refresh();
        });
        ActionsViewModel actions = new ActionsViewModel(model, controller.commands(), sessionList.selectedProperty());
        this.detail = new SessionDetailView(actions, timelineVm, this::openLinkDialog);
        detailRef[0] = detail;
        this.exports = new ExportViewModel(controller::recorder,
                () -> controller.source() == null ? "none" : controller.source().describe(), model, System::currentTimeMillis,
                io);
        this.history = new HistoryViewModel(io, javafx.application.Platform::runLater, System::currentTimeMillis,
                source -> {
                    open(source);
                    historyToggle.setSelected(false); // the past session shows in the usual views
                }, model::showStatus);
        this.historyView = new HistoryView(history, this::openArchiveExportDialog, this::watchLive);
        createView();
        bind();
        // The MUG pilot's card: its telemetry becomes the console's source unless the console watches something else
        // (a relay's or MUG server's own sessions stay on screen; the pilot line then carries the pilot's figures).
        pilot.onMugPilotStarted(source -> {
            if (controller.source() == null || controller.source() instanceof org.rollscope.ui.pilot.MugPilotSource) {
                open(source);
            }
        });
    }

    public HistoryViewModel history() {
        return history;
    }

    public Parent getNode() {
        return root;
    }

    public ConsoleModel model() {
        return model;
    }

    public ConsoleController controller() {
        return controller;
    }

    public SessionDetailView detail() {
        return detail;
    }

    public ExportViewModel exports() {
        return exports;
    }

    /** FX thread: starts the pump and the configured source, if any. */
    public void start() {
        controller.start();
        if (settings.source() != null) {
            open(settings.source().get());
        } else if (settings.connectDialogAtStart()) {
            javafx.application.Platform.runLater(this::showConnectDialog);
        }
    }

    public void stop() {
        controller.stop();
        pilotService.close();
        io.shutdownNow();
    }

    /** FX thread: replaces the current source. */
    public void open(SessionSource source) {
        controller.open(source);
        sourceName.setText(source.describe());
        if (source instanceof org.rollscope.ui.connect.RelaySource relay) {
            // Kept when a past session or a file is opened afterwards: the History still reads this relay.
            history.archiveProperty().set(relay.archive());
        }
    }

    private void createView() {
        root.getStyleClass().add(Css.ROOT);
        connection.getStyleClass().add(Css.CONNECTION_LABEL);
        connection.setId("connection-state");
        sourceName.getStyleClass().add(Css.SESSION_META);
        // Ask the server for a fresh snapshot (a reconnect does this by itself); unavailable offline, with the reason.
        javafx.beans.binding.StringBinding refreshBlocked = javafx.beans.binding.Bindings.createStringBinding(() -> {
            org.rollscope.ui.source.SourceCapabilities caps = model.capabilitiesProperty().get();
            if (!caps.supports(org.rollscope.ui.source.Capability.REQUEST_SNAPSHOT)) {
                return "Not available: " + caps.whyNot(org.rollscope.ui.source.Capability.REQUEST_SNAPSHOT);
            }
            return model.connectionProperty().get().isConnected() ? "" : "Not connected";
        }, model.capabilitiesProperty(), model.connectionProperty());
        org.rollscope.ui.command.ActionButton refresh = new org.rollscope.ui.command.ActionButton("Refresh", "refresh",
                refreshBlocked, () -> {
                    model.showPending("Refresh sent");
                    controller.commands().requestSnapshot();
                });
        Button connect = new Button("Connect…");
        connect.setId("connect");
        connect.setOnAction(e -> showConnectDialog());
        org.rollscope.ui.pilot.PilotPane pilotPane = new org.rollscope.ui.pilot.PilotPane(pilot, this::openSeatGame,
                () -> root.getScene().getWindow());
        Button open = new Button("Open timeline…");
        open.setId("open-timeline");
        open.setOnAction(e -> chooseTimeline());
        Button export = new Button("Export…");
        export.setId("export");
        export.setOnAction(e -> openExportDialog());
        export.disableProperty().bind(exports.runningProperty());
        Button png = new Button("Charts as PNG…");
        png.setId("charts-png");
        png.setOnAction(e -> saveChartsPng());
        png.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> sessionList.selectedProperty().getValue() == null, sessionList.selectedProperty()));
        exportProgress.setPrefWidth(140);
        exportProgress.visibleProperty().bind(exports.runningProperty());
        exportProgress.progressProperty().bind(exports.progressProperty());
        Label brand = new Label("Rollscope");
        brand.getStyleClass().add("brand");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        historyToggle.setId("history");
        historyToggle.getStyleClass().add(Css.HISTORY_TOGGLE);
        historyToggle.setTooltip(new javafx.scene.control.Tooltip("Past sessions from the relay's archive"));
        historyToggle.selectedProperty().addListener((o, was, on) -> showHistory(on));
        HBox toolbar = new HBox(10, brand, connection, sourceName, spacer, exportProgress, pilotPane.getNode(), refresh.getNode(),
                connect, historyToggle, open, export, png);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add(Css.TOOLBAR);
        status.getStyleClass().add(Css.STATUS_LINE);
        status.setId("status-line");
        status.setMaxWidth(Double.MAX_VALUE);
        root.setTop(new VBox(toolbar, status));

        EventLogView allEvents = new EventLogView(model.allEvents(), true, "all-events");
        Label allTitle = new Label("All events");
        allTitle.getStyleClass().add(Css.SECTION_TITLE);
        VBox eventsBox = new VBox(6, allTitle, allEvents.getNode());
        VBox.setVgrow(allEvents.getNode(), Priority.ALWAYS);
        SplitPane left = new SplitPane(sessionList.getNode(), eventsBox);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(0.62);
        SplitPane main = new SplitPane(left, detail.getNode());
        main.setDividerPositions(0.27);
        SplitPane.setResizableWithParent(left, false);
        liveViews = main;
        root.setCenter(main);
    }

    /** Swaps the centre between the History and the live views; showing the History asks the relay again. */
    private void showHistory(boolean on) {
        root.setCenter(on ? historyView.getNode() : liveViews);
        if (on && history.archiveProperty().get() != null) {
            history.refresh();
        }
    }

    /** The History's Export...: the console's export dialog for one archived session, then the archive's export. */
    private void openArchiveExportDialog(org.rollscope.netcode.archive.ArchivedSession session) {
        if (session == null) return;
        ExportDialog.forArchivedSession(session.gameId(), settings.exportDirectory(), System.currentTimeMillis(),
                root.getScene().getWindow()).showAndWait()
                .ifPresent(choice -> history.export(session, choice.request()));
    }

    /** The History's Watch live: the relay whose archive it shows, live again. */
    private void watchLive() {
        if (history.archiveProperty().get() == null) return;
        open(history.archiveProperty().get().liveSource());
        historyToggle.setSelected(false);
    }

    private void bind() {
        Runnable connectionStyle = () -> {
            ConnectionState s = model.connectionProperty().get();
            connection.setText(connectionText(s));
            connection.getStyleClass().removeIf(c -> c.startsWith("connection-"));
            connection.getStyleClass().addAll(Css.CONNECTION_LABEL, "connection-" + s.kind().name().toLowerCase(java.util.Locale.ROOT));
        };
        model.connectionProperty().addListener((o, a, b) -> connectionStyle.run());
        connectionStyle.run();
        Runnable statusStyle = () -> {
            StatusMessage m = model.statusProperty().get();
            status.setText(m.text());
            status.getStyleClass().removeAll(Css.STATUS_OK, Css.STATUS_ERROR, Css.STATUS_PENDING);
            switch (m.kind()) {
                case OK -> status.getStyleClass().add(Css.STATUS_OK);
                case ERROR -> status.getStyleClass().add(Css.STATUS_ERROR);
                case PENDING -> status.getStyleClass().add(Css.STATUS_PENDING);
                default -> { }
            }
        };
        model.statusProperty().addListener((o, a, b) -> statusStyle.run());
        statusStyle.run();
    }

    static String connectionText(ConnectionState s) {
        String base = switch (s.kind()) {
            case IDLE -> "Not connected";
            case CONNECTING -> "Connecting";
            case CONNECTED -> "Connected";
            case RECONNECTING -> "Reconnecting";
            case REFUSED -> "Refused";
            case UNREACHABLE -> "Unreachable";
            case CLOSED -> "Closed";
        };
        return s.detail().isEmpty() || s.kind() == ConnectionState.Kind.CONNECTED ? base : base + ": " + s.detail();
    }

    /** Selects the configured session once it appears, or the first one when nothing is selected. */
    private void autoSelect() {
        if (sessionList.selectedProperty().getValue() != null || model.visibleSessions().isEmpty()) {
            return;
        }
        SessionViewModel wanted = settings.selectGame() == null ? null : model.session(settings.selectGame(), false);
        sessionList.select(wanted != null ? wanted : model.visibleSessions().get(0));
    }

    private void chooseTimeline() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a timeline");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Rollscope timeline (JSON)", "*.json"));
        java.io.File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            openTimeline(file.toPath());
        }
    }

    /**
     * FX thread: reads a JSON timeline in the background (a long recording takes seconds to parse) and then shows it,
     * replayed at once and read-only, in place of the current source. The outcome goes to the status line.
     */
    public void openTimeline(Path file) {
        model.showPending("Opening " + file.getFileName());
        javafx.concurrent.Task<TimelineFile> read = new javafx.concurrent.Task<>() {
            @Override
            protected TimelineFile call() throws IOException {
                return new TimelineReader().read(file);
            }
        };
        read.setOnSucceeded(e -> {
            TimelineFile timeline = read.getValue();
            open(new ReplaySource(timeline, file.getFileName().toString(), 0, false));
            model.showStatus(new StatusMessage(StatusMessage.Kind.OK, "Opened " + file.getFileName() + ": "
                    + timeline.samples().size() + " samples, " + timeline.events().size() + " events"));
        });
        read.setOnFailed(e -> model.showStatus(new StatusMessage(StatusMessage.Kind.ERROR, "Could not open "
                + file.getFileName() + ": " + read.getException().getMessage())));
        io.execute(read);
    }

    private void openExportDialog() {
        SessionViewModel selected = sessionList.selectedProperty().getValue();
        new ExportDialog(selected == null ? null : selected.gameId(), settings.exportDirectory(),
                System.currentTimeMillis(), root.getScene().getWindow())
                .showAndWait()
                .ifPresent(choice -> exports.export(choice.request(),
                        choice.chartsPng() ? detail.timelines().chartsNode().snapshot(null, null) : null));
    }

    private void saveChartsPng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save charts as PNG");
        chooser.setInitialFileName(sessionList.selectedProperty().getValue().gameId() + "-timelines.png");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        java.io.File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file == null) return;
        try {
            ChartPng.write(detail.timelines().chartsNode(), file.toPath());
            model.showStatus(new StatusMessage(StatusMessage.Kind.OK, "Saved " + file));
        } catch (IOException e) {
            model.showStatus(new StatusMessage(StatusMessage.Kind.ERROR, "Could not save " + file + ": " + e.getMessage()));
        }
    }

    private void openLinkDialog(SessionViewModel session) {
        if (session == null) return;
        new LinkDialog(session.gameId(), session.playerIds(), root.getScene().getWindow()).showAndWait()
                .ifPresent(choice -> detail.actions().setLink(choice.playerId(), choice.profile()));
    }

    /** The watched relay's URL, or null when the source is not a relay (the pilot needs one). */
    private String relayUrl() {
        return controller.source() instanceof org.rollscope.ui.connect.RelaySource relay ? relay.url() : null;
    }

    /** The selected session's id when it is live with fewer than two seats taken, else null. */
    private String openSeatGame() {
        SessionViewModel s = sessionList.selectedProperty().getValue();
        return s != null && !s.isEnded() && s.peers().size() < 2 ? s.gameId() : null;
    }

    public org.rollscope.ui.pilot.PilotPeerViewModel pilot() {
        return pilot;
    }

    /** FX thread: asks what to watch and opens it; a relay URL joins the recent list (never its token). */
    public void showConnectDialog() {
        new ConnectDialog(recentServers, root.getScene().getWindow()).showAndWait().ifPresent(choice -> {
            if (choice.timeline() != null) {
                openTimeline(choice.timeline());
                return;
            }
            if (choice.relayUrl() != null) {
                io.execute(() -> recentServers.remember(choice.relayUrl()));
            }
            open(choice.source().get());
        });
    }

    Node statusNode() {
        return status;
    }
}
