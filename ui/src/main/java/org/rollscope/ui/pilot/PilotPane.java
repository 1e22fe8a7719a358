package org.rollscope.ui.pilot;

import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.stage.Window;
import org.rollscope.ui.fx.Css;

/**
 * The pilot's controls in the toolbar: "Pilot peer…" (opens {@link PilotDialog}), "Stop pilot" while one runs, and its
 * status. Holds no logic: clicks go to {@link PilotPeerViewModel}.
 */
public final class PilotPane {

    private final PilotPeerViewModel vm;
    private final Supplier<String> openSeatGame;
    private final Supplier<Window> owner;
    private final HBox root = new HBox(6);

    /**
     * @param openSeatGame the selected session's game id when it has an open seat, else null
     * @param owner the window the dialog belongs to
     */
    public PilotPane(PilotPeerViewModel vm, Supplier<String> openSeatGame, Supplier<Window> owner) {
        this.vm = vm;
        this.openSeatGame = openSeatGame;
        this.owner = owner;
        createView();
    }

    public Node getNode() {
        return root;
    }

    private void createView() {
        Button start = new Button("Pilot peer…");
        start.setId("pilot-start");
        start.disableProperty().bind(vm.busyProperty());
        start.setOnAction(e -> choose());
        Button stop = new Button("Stop pilot");
        stop.setId("pilot-stop");
        stop.visibleProperty().bind(vm.runningProperty());
        stop.managedProperty().bind(vm.runningProperty());
        stop.disableProperty().bind(vm.busyProperty());
        stop.setOnAction(e -> vm.stop());
        Label status = new Label();
        status.setId("pilot-status");
        status.getStyleClass().add(Css.SESSION_META);
        status.textProperty().bind(vm.statusProperty());
        status.visibleProperty().bind(Bindings.isNotEmpty(vm.statusProperty()));
        status.setMaxWidth(360);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.statusProperty());
        status.setTooltip(tip);
        root.getChildren().addAll(status, start, stop);
        root.setAlignment(Pos.CENTER_LEFT);
    }

    /** Opens the dialog, or says why a pilot cannot start. */
    public void choose() {
        new PilotDialog(openSeatGame.get(), vm.blockedReason(), owner.get()).showAndWait().ifPresent(c -> {
            if (c.mugUrl() != null) vm.partnerMug(c.mugUrl(), c.mugPath(), c.bot(), c.link());
            else if (!vm.checkReady()) return; // the reason shows in the status
            else if (c.joinGame() == null) vm.openPilotSession(c.bot(), c.link());
            else vm.joinSession(c.joinGame(), c.bot(), c.link());
        });
    }
}
