package org.rollscope.ui.pilot;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.command.LinkPreset;

/** Asks how to pilot: open a new session or join the selected one's open seat, with which bot and link. */
public final class PilotDialog extends Dialog<PilotDialog.Choice> {

    /** @param joinGame the session to join, or null to open a new pilot session */
    public record Choice(String joinGame, String bot, LinkProfile link) {}

    /** @param openSeatGame the selected session when it has an open seat, else null (joining is then disabled) */
    public PilotDialog(String openSeatGame, Window owner) {
        initOwner(owner);
        setTitle("Pilot peer");
        setHeaderText("Run a built-in headless peer in this console's process");
        ToggleGroup mode = new ToggleGroup();
        RadioButton open = new RadioButton("Open a pilot session that waits for a second player");
        open.setToggleGroup(mode);
        open.setId("pilot-open");
        RadioButton join = new RadioButton(openSeatGame == null ? "Join a session's open seat (select one with an open seat first)"
                : "Join " + openSeatGame + " as its second player");
        join.setToggleGroup(mode);
        join.setId("pilot-join");
        join.setDisable(openSeatGame == null);
        (openSeatGame == null ? open : join).setSelected(true);
        ComboBox<String> bot = new ComboBox<>();
        bot.getItems().setAll(PilotRequest.BOTS);
        bot.setValue("random");
        bot.setId("pilot-bot");
        ComboBox<LinkPreset> link = new ComboBox<>();
        link.getItems().setAll(LinkPreset.values());
        link.setValue(LinkPreset.GOOD);
        link.setId("pilot-link");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Bot"), bot);
        grid.addRow(1, new Label("Link"), link);
        VBox content = new VBox(10, open, join, grid);
        content.setPadding(new Insets(12));
        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().add(org.rollscope.styles.Styles.stylesheet());
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b != ButtonType.OK ? null
                : new Choice(join.isSelected() ? openSeatGame : null, bot.getValue(), link.getValue().profile()));
    }
}
