package org.rollscope.ui.command;

import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;

/**
 * A button that is disabled while its reason is non-empty and then says why in a tooltip. JavaFX shows no tooltip
 * on a disabled control, so the tooltip sits on a wrapper around it.
 */
public final class ActionButton {

    private final Button button;
    private final StackPane wrapper;

    public ActionButton(String text, String id, ObservableStringValue blockedReason, Runnable action) {
        button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        button.disableProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(blockedReason));
        wrapper = new StackPane(button);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(blockedReason);
        blockedReason.addListener((o, a, b) -> Tooltip.uninstall(wrapper, tip));
        blockedReason.addListener((o, a, b) -> {
            if (!b.isEmpty()) Tooltip.install(wrapper, tip);
        });
        if (!blockedReason.get().isEmpty()) {
            Tooltip.install(wrapper, tip);
        }
    }

    public Node getNode() {
        return wrapper;
    }

    public Button button() {
        return button;
    }
}
