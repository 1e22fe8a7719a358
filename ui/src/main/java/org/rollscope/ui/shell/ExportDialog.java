package org.rollscope.ui.shell;

import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.DirectoryChooser;
import org.rollscope.ui.export.ExportRequest;
import org.rollscope.ui.fx.Css;

/**
 * Asks what to export: this session or all, CSV and/or JSON, a PNG of the charts, where, and under which name.
 * Invalid choices keep the dialog open with the reason.
 */
public final class ExportDialog {

    /** The request plus whether to save the charts as PNG. */
    public record Choice(ExportRequest request, boolean chartsPng) {}

    private final Dialog<Choice> dialog = new Dialog<>();

    public ExportDialog(String selectedGame, Path directory, long nowMs, javafx.stage.Window owner) {
        this(selectedGame, directory, nowMs, owner, false);
    }

    /**
     * For one session of the relay's archive (the History): always that session, no charts (none are drawn), the
     * files {@code ctl export} writes.
     */
    public static ExportDialog forArchivedSession(String gameId, Path directory, long nowMs, javafx.stage.Window owner) {
        return new ExportDialog(gameId, directory, nowMs, owner, true);
    }

    private ExportDialog(String selectedGame, Path directory, long nowMs, javafx.stage.Window owner, boolean archived) {
        dialog.setTitle(archived ? "Export from the archive" : "Export timelines");
        dialog.setHeaderText("CSV (one row per sample, events in a second file) and JSON (reopens in the console)");
        if (owner != null) dialog.initOwner(owner);
        ToggleGroup scope = new ToggleGroup();
        RadioButton thisSession = new RadioButton(selectedGame == null ? "This session (none selected)" : "This session (" + selectedGame + ")");
        RadioButton all = new RadioButton("All sessions");
        thisSession.setToggleGroup(scope);
        all.setToggleGroup(scope);
        thisSession.setDisable(selectedGame == null);
        (selectedGame == null ? all : thisSession).setSelected(true);
        CheckBox csv = new CheckBox("CSV");
        CheckBox json = new CheckBox("JSON");
        CheckBox png = new CheckBox("Charts as PNG");
        csv.setSelected(true);
        json.setSelected(true);
        png.setSelected(selectedGame != null);
        png.disableProperty().bind(thisSession.selectedProperty().not());
        if (archived) {
            all.setVisible(false);
            all.setManaged(false);
            png.setSelected(false);
            png.setVisible(false);
            png.setManaged(false);
        }
        TextField dir = new TextField(directory.toString());
        dir.setId("export-directory");
        HBox.setHgrow(dir, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Export to");
            java.io.File chosen = chooser.showDialog(dialog.getOwner());
            if (chosen != null) dir.setText(chosen.getPath());
        });
        TextField base = new TextField();
        base.setId("export-base-name");
        Runnable defaultName = () -> base.setText(ExportRequest.defaultBaseName(thisSession.isSelected() ? selectedGame : null, nowMs));
        scope.selectedToggleProperty().addListener((o, a, b) -> defaultName.run());
        defaultName.run();
        Label error = new Label();
        error.getStyleClass().add(Css.STATUS_ERROR);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Scope"), new HBox(12, thisSession, all));
        grid.addRow(1, new Label("Formats"), new HBox(12, csv, json, png));
        grid.addRow(2, new Label("Directory"), new HBox(6, dir, browse));
        grid.addRow(3, new Label("File name"), base);
        grid.add(error, 0, 4, 2, 1);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setPrefWidth(640);
        ButtonType run = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(run, ButtonType.CANCEL);
        Button runButton = (Button) dialog.getDialogPane().lookupButton(run);
        runButton.setId("export-run");
        java.util.function.Supplier<Choice> read = () -> new Choice(new ExportRequest(Path.of(dir.getText().trim()),
                base.getText().trim(), thisSession.isSelected() ? selectedGame : null, csv.isSelected(), json.isSelected()),
                png.isSelected() && !png.isDisabled());
        runButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            try {
                read.get();
            } catch (IllegalArgumentException bad) {
                error.setText(bad.getMessage());
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == run ? read.get() : null);
    }

    public Optional<Choice> showAndWait() {
        return dialog.showAndWait();
    }
}
