package org.rollscope.ui.timeline;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.AbstractValueIndicator;
import io.fair_acc.chartfx.plugins.XRangeIndicator;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.plugins.Zoomer;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import org.rollscope.ui.fx.Css;
import org.rollscope.ui.fx.Formats;

/**
 * The timelines of the selected session: one ChartFX chart per {@link TimelineMetric} (one renderer per unit), the
 * session's transport as shaded bands, events as markers, and the controls: window 1 min / 10 min / all, pause,
 * reset zoom. Zoom with a drag, pan with the middle button or ctrl-drag (ChartFX's Zoomer); zooming pauses.
 *
 * <p>FX thread only. The pane only attaches the session's datasets to its charts and moves the x axes once per pulse
 * ({@link #followLatest()}); all data changes happen in the model, inside the inbox drain.
 */
public final class TimelinePane {

    private final TimelineViewModel vm;
    private final VBox root = new VBox(6);
    private final Map<TimelineMetric, XYChart> charts = new EnumMap<>(TimelineMetric.class);
    private final Map<TimelineMetric, ErrorDataSetRenderer> renderers = new EnumMap<>(TimelineMetric.class);
    private final Map<TimelineMetric, Zoomer> zoomers = new EnumMap<>(TimelineMetric.class);
    private final Map<TransportBand, List<XRangeIndicator>> bandIndicators = new IdentityHashMap<>();
    private final Map<EventMarker, List<XValueIndicator>> markerIndicators = new IdentityHashMap<>();
    private final ListChangeListener<TransportBand> bandListener = c -> syncBands();
    private final ListChangeListener<EventMarker> markerListener = c -> syncMarkers();
    private final GridPane grid = new GridPane();

    public TimelinePane(TimelineViewModel vm) {
        this.vm = vm;
        createView();
        bind();
    }

    public Node getNode() {
        return root;
    }

    /** The chart of one metric (for PNG export and tests). */
    public XYChart chart(TimelineMetric metric) {
        return charts.get(metric);
    }

    /** The charts grid alone (the PNG export of "all charts"). */
    public Node chartsNode() {
        return grid;
    }

    private void createView() {
        root.getStyleClass().add(Css.TIMELINE);
        ToggleGroup windows = new ToggleGroup();
        HBox controls = new HBox(6);
        controls.setAlignment(Pos.CENTER_LEFT);
        for (TimelineWindow w : TimelineWindow.values()) {
            ToggleButton b = new ToggleButton(w.label());
            b.setId("window-" + w.name().toLowerCase(java.util.Locale.ROOT));
            b.setToggleGroup(windows);
            b.setUserData(w);
            b.setSelected(w == vm.windowProperty().get());
            controls.getChildren().add(b);
        }
        windows.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one window is always chosen
            } else {
                vm.windowProperty().set((TimelineWindow) b.getUserData());
            }
        });
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("timeline-pause");
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        pause.textProperty().bind(javafx.beans.binding.Bindings.when(vm.pausedProperty()).then("Resume").otherwise("Pause"));
        Button reset = new Button("Reset zoom");
        reset.setOnAction(e -> {
            zoomers.values().forEach(Zoomer::clear);
            vm.pausedProperty().set(false);
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        controls.getChildren().addAll(pause, reset, spacer, legend(Formats.seat(0, null), Css.SERIES_PEER_A),
                legend(Formats.seat(1, null), Css.SERIES_PEER_B), legend("drift", Css.SERIES_DRIFT),
                legend("P2P", Css.BAND_P2P), legend("relay", Css.BAND_RELAY), legend("both", Css.BAND_BOTH));

        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 3; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            rc.setMinHeight(120);
            grid.getRowConstraints().add(rc);
        }
        int i = 0;
        for (TimelineMetric m : TimelineMetric.values()) {
            XYChart chart = createChart(m);
            charts.put(m, chart);
            grid.add(chart, i % 2, i / 2);
            i++;
        }
        VBox.setVgrow(grid, Priority.ALWAYS);
        root.getChildren().addAll(controls, grid);
    }

    private static Node legend(String text, String styleClass) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("legend-swatch", styleClass);
        Label l = new Label(text, swatch);
        l.getStyleClass().add("legend-item");
        return l;
    }

    private XYChart createChart(TimelineMetric m) {
        DefaultNumericAxis x = new DefaultNumericAxis("time", null);
        x.setTimeAxis(true);
        x.setAutoRanging(false);
        x.setAutoRangeRounding(false);
        DefaultNumericAxis y = new DefaultNumericAxis(m.unit(), null);
        y.setAutoRanging(true);
        y.setForceZeroInRange(true);
        y.setAutoUnitScaling(false);
        XYChart chart = new XYChart(x, y);
        chart.setId("chart-" + m.name().toLowerCase(java.util.Locale.ROOT));
        chart.getStyleClass().add(Css.TIMELINE_CHART);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setTitle(m.title() + " (" + m.unit() + ")");
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setErrorStyle(ErrorStyle.NONE);
        r.setDrawMarker(false);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setAllowNaNs(true);
        r.setPointReduction(true);
        chart.getRenderers().setAll(r);
        renderers.put(m, r);
        Zoomer zoomer = new Zoomer();
        zoomer.setPannerEnabled(true);
        zoomer.setSliderVisible(false);
        // Zooming or panning means "let me look": stop following the newest data until Resume.
        zoomer.zoomStackDeque().addListener((javafx.beans.InvalidationListener) o -> {
            if (!zoomer.zoomStackDeque().isEmpty()) {
                vm.pausedProperty().set(true);
            }
        });
        chart.getPlugins().add(zoomer);
        zoomers.put(m, zoomer);
        return chart;
    }

    private void bind() {
        vm.timelineProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.bands().removeListener(bandListener);
                old.markers().removeListener(markerListener);
            }
            // Detach the old datasets from the charts before the old timeline forgets them.
            renderers.values().forEach(r -> r.getDatasets().clear());
            if (old != null) {
                old.release();
            }
            if (now != null) {
                now.bands().addListener(bandListener);
                now.markers().addListener(markerListener);
            }
            zoomers.values().forEach(Zoomer::clear);
            attachDatasets();
            followLatest(); // axes first: indicators made against the final range lay their labels out correctly
            syncBands();
            syncMarkers();
        });
        vm.windowProperty().addListener((o, a, b) -> {
            attachDatasets();
            followLatest();
        });
        vm.pausedProperty().addListener((o, a, b) -> {
            if (!b) {
                followLatest();
            }
        });
    }

    private void attachDatasets() {
        SessionTimeline t = vm.timelineProperty().get();
        boolean all = vm.windowProperty().get() == TimelineWindow.ALL;
        for (TimelineMetric m : TimelineMetric.values()) {
            List<DataSet> sets = new ArrayList<>();
            if (t != null) {
                for (int seat = 0; seat < SessionTimeline.SEATS; seat++) {
                    MetricSeries s = t.series(m, seat);
                    sets.add(all ? s.history() : s.live());
                }
                if (m == TimelineMetric.FRAME_LAG) {
                    sets.add(all ? t.drift().history() : t.drift().live());
                }
            }
            renderers.get(m).getDatasets().setAll(sets);
            charts.get(m).getXAxis().setAutoRanging(all);
        }
    }

    /** Once per pulse: moves every chart's x axis to the window ending at the newest sample, unless paused. */
    public void followLatest() {
        if (vm.pausedProperty().get()) {
            return;
        }
        double[] range = vm.visibleRange();
        for (XYChart chart : charts.values()) {
            if (range != null) {
                chart.getXAxis().set(range[0], range[1]);
            }
        }
    }

    private void syncBands() {
        SessionTimeline t = vm.timelineProperty().get();
        List<TransportBand> wanted = t == null ? List.of() : t.bands();
        bandIndicators.keySet().removeIf(b -> {
            if (wanted.contains(b)) return false;
            removeAll(bandIndicators.get(b));
            return true;
        });
        for (TransportBand band : wanted) {
            if (bandIndicators.containsKey(band)) continue;
            List<XRangeIndicator> perChart = new ArrayList<>();
            for (XYChart chart : charts.values()) {
                XRangeIndicator ind = new StyledIndicators.Band(chart.getXAxis(), band.startSec(), band.endSec(),
                        bandClass(band.mode()));
                ind.upperBoundProperty().bind(band.endSecProperty());
                chart.getPlugins().add(ind);
                perChart.add(ind);
            }
            bandIndicators.put(band, perChart);
        }
    }

    /**
     * Adds indicators for new markers and removes those of dropped ones. Incremental on purpose: a peer that desyncs
     * every frame adds a marker per frame, and rebuilding all of them (up to {@link SessionTimeline#MAX_MARKERS} on
     * each of the six charts) per event filled the heap and starved the FX thread.
     */
    private void syncMarkers() {
        SessionTimeline t = vm.timelineProperty().get();
        List<EventMarker> wanted = t == null ? List.of() : t.markers();
        Set<EventMarker> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(wanted);
        markerIndicators.keySet().removeIf(m -> {
            if (kept.contains(m)) return false;
            removeAll(markerIndicators.get(m));
            return true;
        });
        for (EventMarker marker : wanted) {
            if (!markerIndicators.containsKey(marker)) {
                markerIndicators.put(marker, indicatorsFor(marker));
            }
        }
    }

    private List<XValueIndicator> indicatorsFor(EventMarker marker) {
        List<XValueIndicator> perChart = new ArrayList<>();
        boolean labelled = true;
        for (TimelineMetric m : TimelineMetric.values()) {
            XYChart chart = charts.get(m);
            // Only the first chart carries the text; the others show the line, to keep the charts readable.
            XValueIndicator ind = new StyledIndicators.Marker(chart.getXAxis(), marker.tSec(),
                    labelled ? marker.label() : "", List.of(Css.MARKER, "marker-" + marker.kind().replace('_', '-')));
            labelled = false;
            chart.getPlugins().add(ind);
            perChart.add(ind);
        }
        return perChart;
    }

    private <T extends AbstractValueIndicator> void removeAll(List<T> indicators) {
        for (T ind : indicators) {
            for (XYChart chart : charts.values()) {
                chart.getPlugins().remove(ind);
            }
        }
    }

    private static String bandClass(String mode) {
        return switch (mode) {
            case "relay" -> Css.BAND_RELAY;
            case "p2p+relay" -> Css.BAND_BOTH;
            default -> Css.BAND_P2P;
        };
    }
}
