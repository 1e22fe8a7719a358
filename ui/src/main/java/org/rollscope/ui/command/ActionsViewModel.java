package org.rollscope.ui.command;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.service.CommandService;
import org.rollscope.ui.session.ConsoleModel;
import org.rollscope.ui.session.SessionViewModel;
import org.rollscope.ui.source.Capability;
import org.rollscope.ui.source.SourceCapabilities;

/**
 * The operator's actions on the selected session, and for each one why it is unavailable (an empty string when it
 * is available): no session selected, not connected, the source cannot do it (a MUG server cannot force a fallback),
 * or the session has ended. Views disable a button while its reason is non-empty and show the reason as a tooltip.
 *
 * <p>FX thread only. Sending shows a pending line in the status; the acknowledgement replaces it when it arrives
 * through the inbox.
 */
public final class ActionsViewModel {

    private final ConsoleModel model;
    private final CommandService commands;
    private final ObservableValue<SessionViewModel> selected;
    private final StringBinding forceFallbackBlocked;
    private final StringBinding restoreBlocked;
    private final StringBinding setLinkBlocked;

    public ActionsViewModel(ConsoleModel model, CommandService commands, ObservableValue<SessionViewModel> selected) {
        this.model = model;
        this.commands = commands;
        this.selected = selected;
        forceFallbackBlocked = blockedReason(Capability.FORCE_FALLBACK);
        restoreBlocked = blockedReason(Capability.RESTORE_P2P);
        setLinkBlocked = blockedReason(Capability.SET_LINK);
    }

    private StringBinding blockedReason(Capability capability) {
        return Bindings.createStringBinding(() -> {
            SessionViewModel s = selected.getValue();
            SourceCapabilities caps = model.capabilitiesProperty().get();
            if (!caps.supports(capability)) {
                return "Not available: " + caps.whyNot(capability);
            }
            if (!model.connectionProperty().get().isConnected()) {
                return "Not connected";
            }
            if (s == null) {
                return "Select a session first";
            }
            if (s.isEnded()) {
                return "The session has ended";
            }
            String why = s.unsupportedCommands().get(commandOf(capability));
            if (why != null) {
                return "Not available: " + why;
            }
            return "";
        }, selected, model.capabilitiesProperty(), model.connectionProperty(), endedOfSelected(),
                unsupportedOfSelected());
    }

    private static String commandOf(Capability capability) {
        return switch (capability) {
            case FORCE_FALLBACK -> ObserverProtocol.FORCE_FALLBACK;
            case RESTORE_P2P -> ObserverProtocol.RESTORE_P2P;
            case SET_LINK -> ObserverProtocol.SET_LINK;
            case REQUEST_SNAPSHOT -> ObserverProtocol.REQUEST_SNAPSHOT;
        };
    }

    /** Re-evaluates when the selected session learns a command it cannot carry out (a MUG probe's or server's). */
    private javafx.beans.Observable unsupportedOfSelected() {
        javafx.beans.property.SimpleIntegerProperty changes = new javafx.beans.property.SimpleIntegerProperty();
        javafx.collections.MapChangeListener<String, String> follow = c -> changes.set(changes.get() + 1);
        if (selected.getValue() != null) {
            selected.getValue().unsupportedCommands().addListener(follow);
        }
        selected.addListener((o, old, now) -> {
            if (old != null) old.unsupportedCommands().removeListener(follow);
            if (now != null) now.unsupportedCommands().addListener(follow);
            changes.set(changes.get() + 1);
        });
        return changes;
    }

    /** Re-evaluates when the selected session ends. */
    private ObservableValue<Boolean> endedOfSelected() {
        javafx.beans.property.SimpleBooleanProperty ended = new javafx.beans.property.SimpleBooleanProperty();
        javafx.beans.value.ChangeListener<Boolean> follow = (o, a, b) -> ended.set(b);
        selected.addListener((o, old, now) -> {
            if (old != null) old.endedProperty().removeListener(follow);
            if (now != null) {
                now.endedProperty().addListener(follow);
                ended.set(now.isEnded());
            }
        });
        return ended;
    }

    /** Forces one peer ({@code playerId}) or both ({@code null}) of the selected session onto the relay. */
    public void forceFallback(String playerId) {
        FxThread.assertFxThread();
        String game = requireAllowed(forceFallbackBlocked);
        model.showPending("Force fallback " + target(game, playerId) + " sent");
        commands.forceFallback(game, playerId);
    }

    public void restoreP2p(String playerId) {
        FxThread.assertFxThread();
        String game = requireAllowed(restoreBlocked);
        model.showPending("Restore P2P " + target(game, playerId) + " sent");
        commands.restoreP2p(game, playerId);
    }

    public void setLink(String playerId, LinkProfile link) {
        FxThread.assertFxThread();
        String game = requireAllowed(setLinkBlocked);
        model.showPending("Set link " + target(game, playerId) + " sent");
        commands.setLink(game, playerId, link);
    }

    private String requireAllowed(StringBinding reason) {
        if (!reason.get().isEmpty()) {
            throw new IllegalStateException(reason.get());
        }
        return selected.getValue().gameId();
    }

    private static String target(String gameId, String playerId) {
        return playerId == null ? gameId + " (both peers)" : gameId + " / " + playerId;
    }

    /** Why force fallback is unavailable; empty when available. */
    public StringBinding forceFallbackBlockedProperty() {
        return forceFallbackBlocked;
    }

    public StringBinding restoreBlockedProperty() {
        return restoreBlocked;
    }

    public StringBinding setLinkBlockedProperty() {
        return setLinkBlocked;
    }

    public ObservableValue<SessionViewModel> selectedProperty() {
        return selected;
    }
}
