package org.rollscope.ui.shell;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.rollscope.ui.connect.MugAdminSource;
import org.rollscope.ui.connect.RecentServers;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.source.SessionSource;

/**
 * Asks what to watch: a Rollscope relay (URL and observer token), a MUG server (URL and admin password) or a JSON
 * timeline file. Recent relay URLs are offered; the token and the password stay in memory only. The result is either
 * a source to open or a timeline file to read; the window reports how the connection goes (refused, unreachable).
 */
public final class ConnectDialog extends Dialog<ConnectDialog.Choice> {

    /** What the user picked: exactly one of {@code source} and {@code timeline} is set. */
    public record Choice(Supplier<SessionSource> source, String relayUrl, Path timeline) {}

    private final ComboBox<String> relayUrl = new ComboBox<>();
    private final PasswordField token = new PasswordField();
    private final TextField mugUrl = new TextField();
    private final PasswordField mugPassword = new PasswordField();
    private final TextField timelineFile = new TextField();
    private final TabPane tabs = new TabPane();
    private final Label error = new Label();

    public ConnectDialog(RecentServers recent, Window owner) {
        initOwner(owner);
        setTitle("Connect");
        setHeaderText("What do you want to watch?");
        relayUrl.setEditable(true);
        relayUrl.getItems().setAll(recent.relayUrls());
        relayUrl.setPromptText("http://127.0.0.1:8765");
        if (!relayUrl.getItems().isEmpty()) relayUrl.setValue(relayUrl.getItems().get(0));
        relayUrl.setPrefWidth(360);
        relayUrl.setId("connect-relay-url");
        token.setPromptText("printed by 'rollscope relay' at start");
        token.setId("connect-token");
        mugUrl.setPromptText("https://mug.example.org");
        mugUrl.setId("connect-mug-url");
        mugPassword.setPromptText("ADMIN_PASSWORD (kept in memory only)");
        mugPassword.setId("connect-mug-password");
        timelineFile.setPromptText("rollscope-….json");
        timelineFile.setId("connect-timeline");
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Rollscope timeline (JSON)", "*.json"));
            java.io.File f = chooser.showOpenDialog(getDialogPane().getScene().getWindow());
            if (f != null) timelineFile.setText(f.getAbsolutePath());
        });
        tabs.getTabs().addAll(
                tab("Rollscope relay", grid("Relay URL", relayUrl, "Observer token", token)),
                tab("MUG server", grid("Server URL", mugUrl, "Admin password", mugPassword)),
                tab("Timeline file", grid("JSON file", timelineFile, "", browse)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        error.getStyleClass().add(org.rollscope.ui.fx.Css.STATUS_ERROR);
        error.setWrapText(true);
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(8, tabs, error);
        getDialogPane().setContent(content);
        getDialogPane().getStylesheets().add(org.rollscope.styles.Styles.stylesheet());
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        // Keep the dialog open on incomplete input and say what is missing.
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            String problem = problem();
            if (problem != null) {
                error.setText(problem);
                e.consume();
            }
        });
        setResultConverter(button -> button == ButtonType.OK ? choice() : null);
    }

    private static Tab tab(String title, GridPane content) {
        return new Tab(title, content);
    }

    private static GridPane grid(String label1, javafx.scene.Node field1, String label2, javafx.scene.Node field2) {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(12));
        g.addRow(0, new Label(label1), field1);
        g.addRow(1, new Label(label2), field2);
        return g;
    }

    private String relayUrlText() {
        String typed = relayUrl.getEditor().getText();
        return (typed != null && !typed.isBlank() ? typed : relayUrl.getValue() == null ? "" : relayUrl.getValue()).strip();
    }

    /** What is wrong with the input of the open tab, or null. */
    String problem() {
        switch (tabs.getSelectionModel().getSelectedIndex()) {
            case 0 -> {
                if (relayUrlText().isEmpty()) return "Enter the relay's URL, e.g. http://127.0.0.1:8765";
                if (token.getText().isBlank()) return "Enter the observer token the relay printed at start";
                try {
                    new RelaySource(relayUrlText(), token.getText().strip()).close();
                } catch (RuntimeException e) {
                    return "Not a relay URL: " + e.getMessage();
                }
                return null;
            }
            case 1 -> {
                if (mugUrl.getText().isBlank()) return "Enter the MUG server's URL";
                return mugPassword.getText().isBlank() ? "Enter the MUG admin password" : null;
            }
            default -> {
                if (timelineFile.getText().isBlank()) return "Choose a JSON timeline";
                return java.nio.file.Files.isReadable(Path.of(timelineFile.getText().strip())) ? null
                        : "Cannot read " + timelineFile.getText().strip();
            }
        }
    }

    private Choice choice() {
        switch (tabs.getSelectionModel().getSelectedIndex()) {
            case 0 -> {
                String url = relayUrlText();
                String t = token.getText().strip();
                return new Choice(() -> new RelaySource(url, t), url, null);
            }
            case 1 -> {
                String url = mugUrl.getText().strip();
                String password = mugPassword.getText();
                return new Choice(() -> new MugAdminSource(url, password), null, null);
            }
            default -> {
                return new Choice(null, null, Path.of(timelineFile.getText().strip()));
            }
        }
    }
}
