package org.rollscope.ui.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.rollscope.netcode.archive.ArchivedSession;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.fx.Formats;
import org.rollscope.ui.health.HealthGrade;

/**
 * The History: a filter and an order above a table of the archived sessions (start, duration, seats, samples,
 * fallbacks, desyncs, worst health, ended), with Open (also a double click) and Export... for the selected one, and
 * Watch live to go back to the relay. Only binds to {@link HistoryViewModel}; the export dialog is the window's.
 */
public final class HistoryView {

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final HistoryViewModel vm;
    private final Consumer<ArchivedSession> exportAction;
    private final Runnable watchLive;
    private final VBox root = new VBox(8);
    private final TableView<ArchivedSession> table = new TableView<>();

    /**
     * @param exportAction asks where to export the selected session and starts it (the window's export dialog)
     * @param watchLive shows the relay live again
     */
    public HistoryView(HistoryViewModel vm, Consumer<ArchivedSession> exportAction, Runnable watchLive) {
        this.vm = vm;
        this.exportAction = exportAction;
        this.watchLive = watchLive;
        createView();
    }

    public Node getNode() {
        return root;
    }

    TableView<ArchivedSession> table() {
        return table;
    }

    private void createView() {
        root.getStyleClass().add(Css.HISTORY);
        root.setId("history-view");
        Label title = new Label("History");
        title.getStyleClass().add(Css.HISTORY_TITLE);
        Label source = new Label();
        source.getStyleClass().add(Css.SESSION_META);
        source.textProperty().bind(Bindings.createStringBinding(() -> vm.archiveProperty().get() == null
                ? "no relay: connect to one to read its archive"
                : "archive of " + vm.archiveProperty().get().url(), vm.archiveProperty()));

        TextField filter = new TextField();
        filter.setId("history-filter");
        filter.setPromptText("Filter by game or player");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        ChoiceBox<HistorySort> sort = new ChoiceBox<>();
        sort.setId("history-sort");
        sort.getItems().setAll(HistorySort.values());
        sort.setConverter(new StringConverter<>() {
            @Override
            public String toString(HistorySort s) {
                return s == null ? "" : "Sort: " + s.label();
            }

            @Override
            public HistorySort fromString(String text) {
                return null;
            }
        });
        sort.valueProperty().bindBidirectional(vm.sortProperty());
        Button refresh = new Button("Refresh");
        refresh.setId("history-refresh");
        refresh.setOnAction(e -> vm.refresh());
        Button open = new Button("Open");
        open.setId("history-open");
        open.getStyleClass().add(Css.HISTORY_PRIMARY);
        open.setOnAction(e -> vm.open(vm.selectedProperty().get()));
        Button export = new Button("Export…");
        export.setId("history-export");
        export.setOnAction(e -> exportAction.accept(vm.selectedProperty().get()));
        Button live = new Button("Watch live");
        live.setId("history-live");
        live.setOnAction(e -> watchLive.run());
        var noSelection = vm.selectedProperty().isNull().or(vm.busyProperty());
        open.disableProperty().bind(noSelection);
        export.disableProperty().bind(noSelection);
        refresh.disableProperty().bind(vm.archiveProperty().isNull().or(vm.busyProperty()));
        live.disableProperty().bind(vm.archiveProperty().isNull());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, filter, sort, refresh, spacer, open, export, live);
        bar.setAlignment(Pos.CENTER_LEFT);

        HBox heading = new HBox(12, title, source);
        heading.setAlignment(Pos.BASELINE_LEFT);

        createTable();
        VBox.setVgrow(table, Priority.ALWAYS);

        Label summary = new Label();
        summary.setId("history-summary");
        summary.getStyleClass().add(Css.SESSION_META);
        summary.textProperty().bind(vm.summaryProperty());
        ProgressBar progress = new ProgressBar();
        progress.setPrefWidth(160);
        progress.progressProperty().bind(vm.exportProgressProperty());
        progress.visibleProperty().bind(vm.exportProgressProperty().greaterThan(0));
        HBox footer = new HBox(12, summary, progress);
        footer.setAlignment(Pos.CENTER_LEFT);
        root.getChildren().addAll(heading, bar, table, footer);
    }

    private void createTable() {
        table.setId("history-table");
        table.getStyleClass().add(Css.HISTORY_TABLE);
        table.setItems(vm.rows());
        table.setPlaceholder(new Label("No archived sessions (Refresh to ask the relay)"));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Game", "game", 180, s -> s.gameId()));
        table.getColumns().add(column("Started", "started", 150, s -> STARTED.format(Instant.ofEpochMilli(s.firstTMs()))));
        table.getColumns().add(numeric(column("Duration", "duration", 90, s -> Formats.duration(s.durationMs()))));
        table.getColumns().add(column("Seats", "seats", 110, s -> s.players().isEmpty() ? Formats.UNKNOWN
                : String.join(", ", s.players())));
        table.getColumns().add(numeric(column("Samples", "samples", 80, s -> Formats.integer(s.samples()))));
        table.getColumns().add(numeric(column("Fallbacks", "fallbacks", 80, s -> Long.toString(s.fallbacks()))));
        table.getColumns().add(numeric(column("Desyncs", "desyncs", 70, s -> Long.toString(s.desyncs()))));
        table.getColumns().add(numeric(column("Worst RTT", "max-rtt", 90, s -> Formats.millis(s.maxRttMs()))));
        table.getColumns().add(numeric(column("Worst gap rate", "max-gap", 100, s -> Formats.percent(s.maxGapRate()))));
        TableColumn<ArchivedSession, String> health = column("Worst health", "health", 110, s -> grade(s).label());
        health.setCellFactory(c -> new HealthCell());
        table.getColumns().add(health);
        table.getColumns().add(column("State", "state", 80, s -> s.ended() ? "ended" : "live"));
        table.setRowFactory(t -> {
            TableRow<ArchivedSession> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty() && !vm.busyProperty().get()) {
                    vm.open(row.getItem());
                }
            });
            return row;
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null || !vm.rows().contains(vm.selectedProperty().get())) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (table.getSelectionModel().getSelectedItem() != b) {
                table.getSelectionModel().select(b);
            }
        });
    }

    /** A text column; the model orders the rows (Sort), so the table's own sorting is off. */
    private static TableColumn<ArchivedSession, String> column(String title, String id, double width,
                                                               Function<ArchivedSession, String> text) {
        TableColumn<ArchivedSession, String> c = new TableColumn<>(title);
        c.setId("history-col-" + id);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(text.apply(cell.getValue())));
        return c;
    }

    /** Figures line up on the right, as in a spreadsheet. */
    private static TableColumn<ArchivedSession, String> numeric(TableColumn<ArchivedSession, String> c) {
        c.getStyleClass().add(Css.NUMERIC);
        return c;
    }

    static HealthGrade grade(ArchivedSession s) {
        if (s.worstHealth() == null) {
            return HealthGrade.UNKNOWN;
        }
        return switch (s.worstHealth()) {
            case "healthy" -> HealthGrade.HEALTHY;
            case "degraded" -> HealthGrade.DEGRADED;
            case "critical" -> HealthGrade.CRITICAL;
            default -> HealthGrade.UNKNOWN;
        };
    }

    /** The worst health as the console's badge, in the grade's colour. */
    private static final class HealthCell extends TableCell<ArchivedSession, String> {
        private final Label badge = new Label();

        HealthCell() {
            badge.getStyleClass().add(Css.BADGE);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            ArchivedSession s = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (s == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            badge.setText(item);
            Css.swap(badge, Css.ALL_GRADES, Css.grade(grade(s)));
            setText(item);
            setGraphic(badge);
        }
    }
}
