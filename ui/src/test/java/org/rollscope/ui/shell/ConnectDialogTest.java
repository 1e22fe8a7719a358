package org.rollscope.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.PasswordField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rollscope.ui.connect.RecentServers;
import org.rollscope.ui.connect.RelaySource;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.testing.Fx;
import org.testfx.api.FxToolkit;

/** The connect dialog: recent relay URLs offered, incomplete input explained, a relay choice made. */
class ConnectDialogTest {

    private final Preferences node = Preferences.userRoot().node("org/rollscope/test/connect-" + System.nanoTime());
    private ConnectDialog dialog;

    @AfterEach
    void close() throws Exception {
        if (dialog != null) Fx.run(dialog::close);
        FxToolkit.cleanupStages();
        node.removeNode();
    }

    @SuppressWarnings("unchecked")
    @Test
    void offersRecentUrlsExplainsAMissingTokenAndReturnsARelaySource() {
        RecentServers recent = new RecentServers(node);
        recent.remember("http://127.0.0.1:1111");
        recent.remember("http://127.0.0.1:2222");
        dialog = Fx.call(() -> {
            ConnectDialog d = new ConnectDialog(recent, null);
            d.show();
            return d;
        });
        ComboBox<String> url = (ComboBox<String>) Fx.call(() -> dialog.getDialogPane().lookup("#connect-relay-url"));
        assertEquals(List.of("http://127.0.0.1:2222", "http://127.0.0.1:1111"), Fx.call(() -> List.copyOf(url.getItems())));
        assertEquals("http://127.0.0.1:2222", Fx.call(url::getValue), "the newest is preselected");

        assertEquals("Enter the observer token the relay printed at start", Fx.call(dialog::problem));
        Fx.run(() -> ((PasswordField) dialog.getDialogPane().lookup("#connect-token")).setText("t0k"));
        assertNull(Fx.call(dialog::problem));

        Fx.run(() -> ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        ConnectDialog.Choice choice = Fx.call(dialog::getResult);
        assertEquals("http://127.0.0.1:2222", choice.relayUrl());
        assertNull(choice.timeline());
        try (SessionSource s = choice.source().get()) {
            assertTrue(s instanceof RelaySource r && r.url().equals("http://127.0.0.1:2222"), s.describe());
        }
    }

    @Test
    void aTimelineThatCannotBeReadKeepsTheDialogOpenWithTheReason() {
        dialog = Fx.call(() -> {
            ConnectDialog d = new ConnectDialog(new RecentServers(node), null);
            d.show();
            return d;
        });
        Fx.run(() -> {
            javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) dialog.getDialogPane().lookup(".tab-pane");
            tabs.getSelectionModel().select(2);
            ((javafx.scene.control.TextField) dialog.getDialogPane().lookup("#connect-timeline")).setText("/nonexistent/t.json");
        });
        assertEquals("Cannot read /nonexistent/t.json", Fx.call(dialog::problem));
        Fx.run(() -> ((javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        assertTrue(Fx.call(dialog::isShowing), "still open");
        assertNull(Fx.call(dialog::getResult));
    }
}
