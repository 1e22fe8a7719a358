package org.rollscope.ui.command;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.fx.Css;

/**
 * Edits link conditions for one peer or both: presets fill in the numbers, which stay visible and editable. Returns
 * the target seat ({@code null} = both) and the profile; invalid numbers keep the dialog open with the reason shown.
 */
public final class LinkDialog {

    /** What the operator chose. {@code playerId == null} means both peers. */
    public record Choice(String playerId, LinkProfile profile) {}

    private static final String BOTH = "both peers";

    private final Dialog<Choice> dialog = new Dialog<>();
    private final ChoiceBox<String> target = new ChoiceBox<>();
    private final TextField latency = field("latency-ms");
    private final TextField jitter = field("jitter-ms");
    private final TextField loss = field("loss");
    private final TextField duplicate = field("duplicate");
    private final TextField reorder = field("reorder");
    private final TextField bandwidth = field("bandwidth-kbps");
    private final Label error = new Label();

    public LinkDialog(String gameId, List<String> players, javafx.stage.Window owner) {
        dialog.setTitle("Link conditions · " + gameId);
        dialog.setHeaderText("Impairment applied to the sending side of the chosen peer(s)");
        if (owner != null) {
            dialog.initOwner(owner);
        }
        target.setId("link-target");
        target.getItems().add(BOTH);
        target.getItems().addAll(players);
        target.getSelectionModel().selectFirst();

        HBox presets = new HBox(6);
        for (LinkPreset p : LinkPreset.values()) {
            Button b = new Button(p.label());
            b.setId("preset-" + p.name().toLowerCase(Locale.ROOT));
            b.setOnAction(e -> fill(p.profile()));
            presets.getChildren().add(b);
        }
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, new Label("Peer"), target);
        grid.addRow(row++, new Label("Latency (ms, one way)"), latency);
        grid.addRow(row++, new Label("Jitter (ms)"), jitter);
        grid.addRow(row++, new Label("Loss (0–1)"), loss);
        grid.addRow(row++, new Label("Duplicate (0–1)"), duplicate);
        grid.addRow(row++, new Label("Reorder (0–1)"), reorder);
        grid.addRow(row, new Label("Bandwidth (kbps, 0 = unlimited)"), bandwidth);
        error.getStyleClass().add(Css.STATUS_ERROR);
        error.setWrapText(true);
        VBox content = new VBox(10, new Label("Presets"), presets, grid, error);
        dialog.getDialogPane().setContent(content);
        ButtonType apply = new ButtonType("Apply", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(apply, ButtonType.CANCEL);
        fill(LinkPreset.GOOD.profile());
        Button applyButton = (Button) dialog.getDialogPane().lookupButton(apply);
        applyButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                profile();
                error.setText("");
            } catch (IllegalArgumentException bad) {
                error.setText(bad.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == apply
                ? new Choice(BOTH.equals(target.getValue()) ? null : target.getValue(), profile()) : null);
    }

    public Optional<Choice> showAndWait() {
        return dialog.showAndWait();
    }

    private void fill(LinkProfile p) {
        latency.setText(num(p.latencyMs()));
        jitter.setText(num(p.jitterMs()));
        loss.setText(num(p.loss()));
        duplicate.setText(num(p.duplicate()));
        reorder.setText(num(p.reorder()));
        bandwidth.setText(num(p.bandwidthKbps()));
    }

    /** The profile typed in; throws IllegalArgumentException naming the bad field. */
    LinkProfile profile() {
        return new LinkProfile(parse("latency", latency), parse("jitter", jitter), parse("loss", loss),
                parse("duplicate", duplicate), parse("reorder", reorder), parse("bandwidth", bandwidth));
    }

    private static double parse(String name, TextField f) {
        try {
            return Double.parseDouble(f.getText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got \"" + f.getText() + "\"");
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId("link-" + id);
        f.setPrefColumnCount(8);
        return f;
    }
}
