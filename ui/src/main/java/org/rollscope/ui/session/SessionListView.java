package org.rollscope.ui.session;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.health.HealthGrade;

/**
 * The list of sessions: each row shows the health badge, game id, state and episode, players and each peer's
 * transport; ended sessions are dimmed with their summary. Filter by text, hide ended sessions, choose the order.
 */
public final class SessionListView {

    private final ConsoleModel model;
    private final VBox root = new VBox(8);
    private final ListView<SessionViewModel> list = new ListView<>();
    private final TextField filter = new TextField();
    private final CheckBox showEnded = new CheckBox("Show ended");
    private final ChoiceBox<SessionSort> sort = new ChoiceBox<>();
    private final javafx.beans.property.ReadOnlyObjectWrapper<SessionViewModel> selected =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();

    public SessionListView(ConsoleModel model) {
        this.model = model;
        createView();
        bind();
    }

    public Node getNode() {
        return root;
    }

    /** The selected session, or null. */
    public ObservableValue<SessionViewModel> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public void select(SessionViewModel s) {
        list.getSelectionModel().select(s);
    }

    private void createView() {
        root.getStyleClass().add(Css.SESSION_LIST);
        Label title = new Label("Sessions");
        title.getStyleClass().add(Css.SECTION_TITLE);
        filter.setPromptText("Filter by game or player");
        filter.setId("session-filter");
        sort.getItems().setAll(SessionSort.values());
        HBox options = new HBox(8, showEnded, sort);
        list.setId("session-list");
        list.setPlaceholder(new Label("No sessions yet"));
        list.setCellFactory(v -> new SessionCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(title, filter, options, list);
    }

    private void bind() {
        list.setItems(model.visibleSessions());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now == null && was != null && list.getItems().contains(was)) {
                // A re-sort or refilter of a live list can drop the selection for a moment: keep the session shown.
                list.getSelectionModel().select(was);
                return;
            }
            selected.set(now);
        });
        filter.textProperty().bindBidirectional(model.filterTextProperty());
        showEnded.selectedProperty().bindBidirectional(model.showEndedProperty());
        sort.valueProperty().bindBidirectional(model.sortProperty());
    }

    /** One row; rebinds to whichever session the cell shows. */
    private static final class SessionCell extends ListCell<SessionViewModel> {
        private final Label badge = new Label();
        private final Label title = new Label();
        private final Label state = new Label();
        private final HBox transports = new HBox(4);
        private final java.util.List<Runnable> unbindChips = new java.util.ArrayList<>();
        private final javafx.collections.ListChangeListener<org.rollscope.ui.peer.PeerCardViewModel> peersChanged =
                c -> rebuildChips();
        private final Label summary = new Label();
        private final VBox box;
        private SessionViewModel bound;
        private final javafx.beans.InvalidationListener restyle = o -> restyle();

        SessionCell() {
            getStyleClass().add(Css.SESSION_CELL);
            badge.getStyleClass().add(Css.BADGE);
            title.getStyleClass().add(Css.SESSION_TITLE);
            state.getStyleClass().add(Css.SESSION_META);
            summary.getStyleClass().add(Css.SESSION_META);
            summary.setWrapText(true);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(8, title, spacer, badge);
            box = new VBox(2, top, state, transports, summary);
        }

        @Override
        protected void updateItem(SessionViewModel s, boolean empty) {
            super.updateItem(s, empty);
            if (bound != null) {
                bound.healthProperty().removeListener(restyle);
                bound.endedProperty().removeListener(restyle);
                state.textProperty().unbind();
                bound.peers().removeListener(peersChanged);
                unbindChips.forEach(Runnable::run);
                unbindChips.clear();
                summary.textProperty().unbind();
            }
            bound = empty ? null : s;
            if (bound == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            title.setText(s.gameId());
            state.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> s.stateProperty().get() + (s.episodeProperty().get() >= 0 ? " · episode " + s.episodeProperty().get() : "")
                            + " · players " + String.join(", ", s.playerIds()),
                    s.stateProperty(), s.episodeProperty(), s.peers()));
            s.peers().addListener(peersChanged);
            rebuildChips();
            summary.textProperty().bind(s.summaryProperty());
            s.healthProperty().addListener(restyle);
            s.endedProperty().addListener(restyle);
            restyle();
            setGraphic(box);
        }

        /** One small chip per peer, coloured by its transport (the same colours as everywhere else). */
        private void rebuildChips() {
            unbindChips.forEach(Runnable::run);
            unbindChips.clear();
            transports.getChildren().clear();
            if (bound == null) return;
            for (org.rollscope.ui.peer.PeerCardViewModel peer : bound.peers()) {
                Label chip = new Label();
                chip.getStyleClass().addAll(Css.CHIP, "chip-small");
                Runnable update = () -> {
                    String t = peer.transportProperty().get();
                    // Seats, as the cards name them: a MUG game's player ids (seat 0 may be player 1) would read as seats.
                    chip.setText(peer.seatLabel() + " " + (t == null ? org.rollscope.ui.fx.Formats.UNKNOWN : t));
                    Css.swap(chip, Css.ALL_TRANSPORTS, Css.transport(t));
                };
                javafx.beans.InvalidationListener l = o -> update.run();
                peer.transportProperty().addListener(l);
                unbindChips.add(() -> peer.transportProperty().removeListener(l));
                update.run();
                transports.getChildren().add(chip);
            }
        }

        private void restyle() {
            if (bound == null) return;
            HealthGrade g = bound.health();
            badge.setText(g.label());
            Css.swap(badge, Css.ALL_GRADES, Css.grade(g));
            summary.setVisible(bound.isEnded());
            summary.setManaged(bound.isEnded());
            box.getStyleClass().remove(Css.SESSION_ENDED);
            if (bound.isEnded()) {
                box.getStyleClass().add(Css.SESSION_ENDED);
            }
        }
    }
}
