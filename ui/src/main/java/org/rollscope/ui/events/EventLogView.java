package org.rollscope.ui.events;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.fx.Formats;
import org.rollscope.ui.source.SessionEventRecord;

/** A table of events (newest first) with a kind filter and a text filter. Binds to an {@link EventLog}. */
public final class EventLogView {

    private final EventLog log;
    private final boolean showGame;
    private final VBox root = new VBox(6);
    private final TableView<SessionEventRecord> table = new TableView<>();
    private final TextField filter = new TextField();
    private final ComboBox<String> kind = new ComboBox<>();

    /** @param showGame add a game column (the overall log); a session's own log doesn't need one */
    public EventLogView(EventLog log, boolean showGame, String id) {
        this.log = log;
        this.showGame = showGame;
        root.setId(id);
        createView();
        bind();
    }

    public Node getNode() {
        return root;
    }

    private void createView() {
        root.getStyleClass().add(Css.EVENT_LOG);
        filter.setPromptText("Filter events");
        kind.setPrefWidth(150);
        HBox bar = new HBox(6, new Label("Kind"), kind, filter);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(filter, Priority.ALWAYS);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No events yet"));
        table.getColumns().add(column("Time", 72, e -> Formats.clockSeconds(e.tMs())));
        if (showGame) {
            // The overall log sits in a narrow column: game and seat share one.
            table.getColumns().add(column("Session", 100,
                    e -> e.playerId() == null ? e.gameId() : e.gameId() + " · " + e.playerId()));
        } else {
            table.getColumns().add(column("Peer", 60, e -> e.playerId() == null ? "" : e.playerId()));
        }
        table.getColumns().add(column("Kind", 90, SessionEventRecord::kind));
        table.getColumns().add(column("Detail", 240, SessionEventRecord::detail));
        VBox.setVgrow(table, Priority.ALWAYS);
        root.getChildren().addAll(bar, table);
    }

    private static TableColumn<SessionEventRecord, String> column(String name, double width,
            java.util.function.Function<SessionEventRecord, String> value) {
        TableColumn<SessionEventRecord, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        if (!name.equals("Detail")) {
            c.setMinWidth(width * 0.9); // short columns keep their text; the detail takes what is left
        }
        c.setSortable(false);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        return c;
    }

    private void bind() {
        table.setItems(log.filtered());
        filter.textProperty().bindBidirectional(log.filterTextProperty());
        kind.setItems(log.kindsSeen());
        kind.valueProperty().bindBidirectional(log.kindFilterProperty());
    }
}
