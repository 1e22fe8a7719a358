package org.rollscope.ui.pilot;

import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.command.LinkPreset;

/**
 * Asks how to pilot: open a new session, join the selected one's open seat, or partner a real MUG experiment
 * (its URL and path), with which bot and link.
 */
public final class PilotDialog extends Dialog<PilotDialog.Choice> {

    /**
     * @param joinGame the session to join, or null to open a new pilot session
     * @param mugUrl the MUG server to partner, or null for a relay pilot
     * @param mugPath the path the MUG experiment is served under
     */
    public record Choice(String joinGame, String bot, LinkProfile link, String mugUrl, String mugPath) {}

    /**
     * @param openSeatGame the selected session when it has an open seat, else null (joining is then disabled)
     * @param relayBlocked why a relay pilot cannot start (the console watches no relay), or null
     */
    public PilotDialog(String openSeatGame, String relayBlocked, Window owner) {
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
        join.setDisable(openSeatGame == null || relayBlocked != null);
        open.setDisable(relayBlocked != null);
        RadioButton mug = new RadioButton("Partner a MUG experiment (the second player of its two-human game scene)");
        mug.setToggleGroup(mode);
        mug.setId("pilot-mug");
        (relayBlocked != null ? mug : openSeatGame == null ? open : join).setSelected(true);
        TextField mugUrl = new TextField();
        mugUrl.setPromptText("https://mug.lab.org");
        mugUrl.setId("pilot-mug-url");
        TextField mugPath = new TextField("/");
        mugPath.setId("pilot-mug-path");
        mugUrl.disableProperty().bind(mug.selectedProperty().not());
        mugPath.disableProperty().bind(mug.selectedProperty().not());
        ComboBox<String> bot = new ComboBox<>();
        bot.getItems().setAll(PilotRequest.BOTS);
        mug.selectedProperty().addListener((o, was, isMug) -> {
            bot.getItems().setAll(isMug ? MugPilotRequest.BOTS : PilotRequest.BOTS);
            bot.setValue("random");
        });
        if (mug.isSelected()) bot.getItems().setAll(MugPilotRequest.BOTS);
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
        grid.addRow(2, new Label("MUG URL"), mugUrl);
        grid.addRow(3, new Label("Experiment path"), mugPath);
        Label note = new Label("A MUG pilot does not run the experiment's environment: it sends a bot's inputs at the"
                + " scene's frame rate (docs/mug-pilot.md).");
        note.setWrapText(true);
        note.setMaxWidth(420);
        VBox content = new VBox(10, open, join, mug, grid, note);
        content.setPadding(new Insets(12));
        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().add(org.rollscope.styles.Styles.stylesheet());
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b != ButtonType.OK ? null
                : new Choice(join.isSelected() ? openSeatGame : null, bot.getValue(), link.getValue().profile(),
                        mug.isSelected() ? mugUrl.getText() : null, mugPath.getText()));
    }
}
