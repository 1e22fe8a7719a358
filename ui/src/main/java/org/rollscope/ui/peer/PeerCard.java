package org.rollscope.ui.peer;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.fx.Formats;
import org.rollscope.ui.health.HealthGrade;

/**
 * One peer's card: seat, health badge and transport chip on top, the figures an operator watches in large type, and
 * every other figure of telemetry.md §1 in a compact grid. Binds only; no logic beyond choosing style classes.
 */
public final class PeerCard {

    /** The figures shown large, in reading order. */
    static final Metric[] HEADLINE = {
        Metric.FRAME, Metric.CONFIRMED_FRAME, Metric.RTT_MS, Metric.GAP_RATE, Metric.BUFFERED_AMOUNT, Metric.ROLLBACKS
    };

    /** Everything else, in the spec's order. */
    static final Metric[] DETAIL = {
        Metric.STATE, Metric.EPISODE, Metric.VERIFIED_FRAME, Metric.REMOTE_FRAME, Metric.FRAME_ADVANTAGE,
        Metric.PREDICTED_FRAMES, Metric.ROLLBACK_FRAMES, Metric.LAST_ROLLBACK_DEPTH, Metric.MAX_ROLLBACK_DEPTH,
        Metric.STALLS, Metric.RELAY_RTT_MS, Metric.DESYNCS, Metric.LAST_DESYNC_FRAME, Metric.INPUTS_SENT_P2P,
        Metric.INPUTS_SENT_RELAY, Metric.INPUTS_RECV_P2P, Metric.INPUTS_RECV_RELAY, Metric.FPS, Metric.STEP_MS,
        Metric.SEQ, Metric.LINK
    };

    private final PeerCardViewModel vm;
    private final VBox root = new VBox();
    private final Label title = new Label();
    private final Label badge = new Label();
    private final Label chip = new Label();
    private final Label missed = new Label();
    private final Label stale = new Label();
    private final GridPane figures = new GridPane();
    private final GridPane detail = new GridPane();

    public PeerCard(PeerCardViewModel vm) {
        this.vm = vm;
        createView();
        bind();
    }

    public Node getNode() {
        return root;
    }

    private void createView() {
        root.getStyleClass().add(Css.PEER_CARD);
        root.setId("peer-" + vm.playerId());
        title.getStyleClass().add(Css.PEER_TITLE);
        badge.getStyleClass().add(Css.BADGE);
        chip.getStyleClass().add(Css.CHIP);
        chip.setId("transport-" + vm.playerId());
        missed.getStyleClass().add(Css.SESSION_META);
        stale.getStyleClass().add(Css.STALE_NOTE);
        stale.setId("stale-" + vm.playerId());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, badge, stale, spacer, chip);
        header.setAlignment(Pos.CENTER_LEFT);

        figures.getStyleClass().add(Css.FIGURE);
        for (int i = 0; i < HEADLINE.length; i++) {
            Metric m = HEADLINE[i];
            Label value = new Label();
            value.setId("figure-" + vm.playerId() + "-" + m.field());
            value.getStyleClass().add(Css.FIGURE_VALUE);
            Label name = new Label(m.label());
            name.getStyleClass().add(Css.FIGURE_LABEL);
            VBox cell = new VBox(0, value, name);
            figures.add(cell, i % 3, i / 3);
            bindFigure(value, m);
        }

        detail.getStyleClass().add(Css.METRIC_GRID);
        int columns = 3;
        for (int i = 0; i < DETAIL.length; i++) {
            Metric m = DETAIL[i];
            Label name = new Label(m.label());
            name.getStyleClass().add(Css.METRIC_NAME);
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label();
            value.setId("metric-" + vm.playerId() + "-" + m.field());
            value.getStyleClass().add(Css.METRIC_VALUE);
            if (m != Metric.LINK) {
                value.setMinWidth(Region.USE_PREF_SIZE); // figures never shrink to "…"; only the link text may
            }
            bindFigure(value, m);
            detail.add(name, (i % columns) * 2, i / columns);
            detail.add(value, (i % columns) * 2 + 1, i / columns);
        }
        root.getChildren().addAll(header, figures, detail, missed);
    }

    private void bindFigure(Label value, Metric m) {
        value.textProperty().bind(vm.textProperty(m));
        // A long value (a link profile) is cut off in its cell: the tooltip shows it whole.
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(value.textProperty());
        value.setTooltip(whole);
        Runnable style = () -> {
            Css.swap(value, Css.ALL_GRADES, Css.grade(vm.grade(m)));
            value.getStyleClass().remove(Css.UNKNOWN);
            if (Formats.UNKNOWN.equals(vm.text(m))) {
                value.getStyleClass().add(Css.UNKNOWN);
            }
        };
        vm.gradeProperty(m).addListener((o, a, b) -> style.run());
        vm.textProperty(m).addListener((o, a, b) -> {
            if (Formats.UNKNOWN.equals(a) != Formats.UNKNOWN.equals(b)) style.run();
        });
        style.run();
    }

    private void bind() {
        title.setText(vm.seatName());
        ObservableValue<HealthGrade> health = vm.healthProperty();
        Runnable badgeStyle = () -> {
            HealthGrade g = vm.health();
            badge.setText(vm.reportedProperty().get() ? g.label() : "no report");
            Css.swap(badge, Css.ALL_GRADES, Css.grade(g));
        };
        health.addListener((o, a, b) -> badgeStyle.run());
        vm.reportedProperty().addListener((o, a, b) -> badgeStyle.run());
        badgeStyle.run();
        chip.textProperty().bind(vm.transportTextProperty());
        Runnable chipStyle = () -> Css.swap(chip, Css.ALL_TRANSPORTS, Css.transport(vm.transportProperty().get()));
        vm.transportProperty().addListener((o, a, b) -> chipStyle.run());
        chipStyle.run();
        // A peer that stopped reporting keeps its last figures on screen, dimmed, with how long it has been silent.
        stale.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "no data for " + vm.silentForMsProperty().get() / 1000 + " s", vm.silentForMsProperty()));
        stale.visibleProperty().bind(vm.silentForMsProperty().greaterThan(0));
        stale.managedProperty().bind(stale.visibleProperty());
        vm.silentForMsProperty().addListener((o, a, b) -> {
            root.getStyleClass().remove(Css.STALE);
            if (b.longValue() > 0) root.getStyleClass().add(Css.STALE);
        });
        missed.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            long n = vm.missedSamplesProperty().get();
            return n + (n == 1 ? " sample" : " samples") + " missed";
        }, vm.missedSamplesProperty()));
        missed.visibleProperty().bind(vm.missedSamplesProperty().greaterThan(0));
        missed.managedProperty().bind(missed.visibleProperty());
    }
}
