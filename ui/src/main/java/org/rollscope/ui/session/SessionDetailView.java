package org.rollscope.ui.session;

import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.rollscope.ui.command.ActionButton;
import org.rollscope.ui.command.ActionsViewModel;
import org.rollscope.ui.events.EventLogView;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.health.HealthGrade;
import org.rollscope.ui.peer.PeerCard;
import org.rollscope.ui.peer.PeerCardViewModel;
import org.rollscope.ui.timeline.TimelinePane;
import org.rollscope.ui.timeline.TimelineViewModel;

/**
 * The selected session: a header (game, state, episode, health, drift), the peer cards side by side with their own
 * actions, the session actions (both peers, link conditions), and below, tabs for the timelines and the session's
 * event log. Shows a placeholder while nothing is selected.
 */
public final class SessionDetailView {

    private final ActionsViewModel actions;
    private final TimelineViewModel timelineVm;
    private final TimelinePane timelines;
    private final Consumer<SessionViewModel> openLinkDialog;
    private final StackPane root = new StackPane();
    private final VBox content = new VBox(10);
    private final Label placeholder = new Label("Select a session to see its peers and timelines");
    private final Label title = new Label();
    private final Label badge = new Label();
    private final Label state = new Label();
    private final Label drift = new Label();
    private final Label summary = new Label();
    private final HBox cards = new HBox(12);
    private final Tab eventsTab = new Tab("Events");
    private SessionViewModel shown;
    private final java.util.Map<PeerCardViewModel, Node> cardOf = new java.util.IdentityHashMap<>();
    private final ListChangeListener<PeerCardViewModel> peersChanged = c -> rebuildCards();
    private final javafx.beans.InvalidationListener restyle = o -> restyle();

    public SessionDetailView(ActionsViewModel actions, TimelineViewModel timelineVm, Consumer<SessionViewModel> openLinkDialog) {
        this.actions = actions;
        this.timelineVm = timelineVm;
        this.timelines = new TimelinePane(timelineVm);
        this.openLinkDialog = openLinkDialog;
        createView();
        bind();
    }

    public Node getNode() {
        return root;
    }

    public ActionsViewModel actions() {
        return actions;
    }

    public TimelinePane timelines() {
        return timelines;
    }

    private void createView() {
        root.getStyleClass().add(Css.DETAIL);
        placeholder.getStyleClass().add(Css.PLACEHOLDER);
        title.getStyleClass().add(Css.DETAIL_TITLE);
        title.setId("detail-title");
        badge.getStyleClass().add(Css.BADGE);
        state.getStyleClass().add(Css.SESSION_META);
        drift.getStyleClass().add(Css.DRIFT_BOX);
        drift.setId("drift");
        summary.getStyleClass().add(Css.SESSION_META);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, badge, state, spacer, new Label("Drift"), drift);
        header.setAlignment(Pos.CENTER_LEFT);

        ActionButton fallbackBoth = new ActionButton("Force fallback (both)", "force-fallback-both",
                actions.forceFallbackBlockedProperty(), () -> actions.forceFallback(null));
        ActionButton restoreBoth = new ActionButton("Restore P2P (both)", "restore-p2p-both",
                actions.restoreBlockedProperty(), () -> actions.restoreP2p(null));
        ActionButton link = new ActionButton("Link conditions…", "link-conditions",
                actions.setLinkBlockedProperty(), () -> openLinkDialog.accept(shown));
        fallbackBoth.button().getStyleClass().add(Css.DANGER);
        HBox actionBar = new HBox(8, fallbackBoth.getNode(), restoreBoth.getNode(), link.getNode());
        actionBar.getStyleClass().add(Css.ACTION_BAR);

        cards.setFillHeight(true);
        TabPane tabs = new TabPane();
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab timelineTab = new Tab("Timelines", timelines.getNode());
        tabs.getTabs().addAll(timelineTab, eventsTab);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        content.getChildren().addAll(header, summary, cards, actionBar, tabs);
        root.getChildren().addAll(placeholder, content);
    }

    private void bind() {
        content.setVisible(false);
        actions.selectedProperty().addListener((o, a, b) -> show(b));
    }

    private void show(SessionViewModel s) {
        if (s == shown) {
            return; // re-selecting the same session (a re-sort of the list) changes nothing on screen
        }
        cardOf.clear();
        cards.getChildren().clear();
        if (shown != null) {
            shown.peers().removeListener(peersChanged);
            shown.healthProperty().removeListener(restyle);
            shown.endedProperty().removeListener(restyle);
            state.textProperty().unbind();
            drift.textProperty().unbind();
            summary.textProperty().unbind();
        }
        shown = s;
        content.setVisible(s != null);
        placeholder.setVisible(s == null);
        timelineVm.timelineProperty().set(s == null ? null : s.timeline());
        if (s == null) {
            return;
        }
        title.setText(s.gameId());
        state.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> s.stateProperty().get() + (s.episodeProperty().get() >= 0 ? " · episode " + s.episodeProperty().get() : ""),
                s.stateProperty(), s.episodeProperty()));
        drift.textProperty().bind(s.driftTextProperty());
        summary.textProperty().bind(s.summaryProperty());
        s.peers().addListener(peersChanged);
        s.healthProperty().addListener(restyle);
        s.endedProperty().addListener(restyle);
        eventsTab.setContent(new EventLogView(s.events(), false, "session-events").getNode());
        rebuildCards();
        restyle();
    }

    private void restyle() {
        if (shown == null) return;
        HealthGrade g = shown.health();
        badge.setText(g.label());
        Css.swap(badge, Css.ALL_GRADES, Css.grade(g));
        summary.setVisible(shown.isEnded());
        summary.setManaged(shown.isEnded());
        content.getStyleClass().remove(Css.SESSION_ENDED);
        if (shown.isEnded()) content.getStyleClass().add(Css.SESSION_ENDED);
    }

    /**
     * Keeps one card per peer in seat order. Peers are only ever added, so existing cards stay put and new ones are
     * appended: rebuilding every card on each change would replace nodes under an operator's mouse.
     */
    private void rebuildCards() {
        if (shown == null) {
            cards.getChildren().clear();
            cardOf.clear();
            return;
        }
        java.util.List<Node> wanted = new java.util.ArrayList<>();
        for (PeerCardViewModel peer : shown.peers()) {
            wanted.add(cardOf.computeIfAbsent(peer, this::peerColumn));
        }
        if (!cards.getChildren().equals(wanted)) {
            int common = 0;
            while (common < cards.getChildren().size() && common < wanted.size()
                    && cards.getChildren().get(common) == wanted.get(common)) {
                common++;
            }
            if (common == cards.getChildren().size()) {
                cards.getChildren().addAll(wanted.subList(common, wanted.size()));
            } else {
                cards.getChildren().setAll(wanted);
            }
        }
    }

    private Node peerColumn(PeerCardViewModel peer) {
        PeerCard card = new PeerCard(peer);
        String id = peer.playerId();
        ActionButton fallback = new ActionButton("Force fallback", "force-fallback-" + id,
                actions.forceFallbackBlockedProperty(), () -> actions.forceFallback(id));
        ActionButton restore = new ActionButton("Restore P2P", "restore-p2p-" + id,
                actions.restoreBlockedProperty(), () -> actions.restoreP2p(id));
        HBox peerActions = new HBox(6, fallback.getNode(), restore.getNode());
        VBox column = new VBox(6, card.getNode(), peerActions);
        HBox.setHgrow(column, Priority.ALWAYS);
        column.setMaxWidth(Double.MAX_VALUE);
        column.setPrefWidth(300); // equal preferred widths: the cards share the row equally
        return column;
    }

    /** Once per pulse, after the inbox drain: the timelines follow the newest data. */
    public void afterDrain() {
        timelines.followLatest();
    }
}
