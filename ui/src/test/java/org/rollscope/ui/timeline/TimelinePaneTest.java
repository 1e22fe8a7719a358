package org.rollscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.plugins.XRangeIndicator;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.Samples;

/** The chart pane without a window: which datasets it shows, how its axes follow, bands and markers as plugins. */
class TimelinePaneTest {

    private static SessionTimeline timelineOf(int seconds) {
        SessionTimeline t = new SessionTimeline("g");
        for (int i = 0; i <= seconds * 10; i++) {
            PeerSample s = Samples.running("g", "p1", i, 1_000_000 + i * 100L, 60 + i * 6);
            t.append(0, i >= 100 && i < 200 ? Samples.withTransport(s, i, s.tMs(), PeerSample.TRANSPORT_RELAY, "forced") : s, 0);
        }
        t.mark(new SessionEventRecord("g", "p1", 1_010_000, SessionEventRecord.FALLBACK, "forced"));
        return t;
    }

    @Test
    void oneMinuteWindowFollowsTheNewestSampleUnlessPaused() {
        Fx.run(() -> {
            TimelineViewModel vm = new TimelineViewModel();
            TimelinePane pane = new TimelinePane(vm);
            SessionTimeline t = timelineOf(120);
            vm.timelineProperty().set(t);
            XYChart rtt = pane.chart(TimelineMetric.RTT);
            assertEquals(t.latestSec() - 60, rtt.getXAxis().getMin(), 1e-9);
            assertEquals(t.latestSec(), rtt.getXAxis().getMax(), 1e-9);
            assertSame(t.series(TimelineMetric.RTT, 0).live(), rtt.getRenderers().get(0).getDatasets().get(0));

            vm.pausedProperty().set(true);
            t.append(0, Samples.running("g", "p1", 5_000, 1_200_000, 9_999), 0);
            pane.followLatest();
            assertEquals(1_000_000 / 1000.0 + 120, rtt.getXAxis().getMax(), 1e-9, "paused: the axis stands still");
            vm.pausedProperty().set(false);
            assertEquals(1_200.0, rtt.getXAxis().getMax(), 1e-9, "resumed: it jumps to the newest");
        });
    }

    @Test
    void allWindowShowsTheDownsampledHistoryWithAutoRange() {
        Fx.run(() -> {
            TimelineViewModel vm = new TimelineViewModel();
            TimelinePane pane = new TimelinePane(vm);
            SessionTimeline t = timelineOf(30);
            vm.timelineProperty().set(t);
            vm.windowProperty().set(TimelineWindow.ALL);
            XYChart lag = pane.chart(TimelineMetric.FRAME_LAG);
            assertEquals(List.of(t.series(TimelineMetric.FRAME_LAG, 0).history(), t.series(TimelineMetric.FRAME_LAG, 1).history(),
                    t.drift().history()), lag.getRenderers().get(0).getDatasets());
            assertTrue(lag.getXAxis().isAutoRanging());
            assertTrue(lag.isAnimated() == false);
        });
    }

    @Test
    void bandsAndMarkersBecomeChartPluginsAndFollowTheSession() {
        Fx.run(() -> {
            TimelineViewModel vm = new TimelineViewModel();
            TimelinePane pane = new TimelinePane(vm);
            SessionTimeline t = timelineOf(30);
            vm.timelineProperty().set(t);
            XYChart chart = pane.chart(TimelineMetric.GAP_RATE);
            assertEquals(3, chart.getPlugins().stream().filter(p -> p instanceof XRangeIndicator).count(), "p2p, relay, p2p");
            assertEquals(1, chart.getPlugins().stream().filter(p -> p instanceof XValueIndicator).count());
            t.mark(new SessionEventRecord("g", "p1", 1_020_000, SessionEventRecord.P2P_RESTORED, ""));
            assertEquals(2, chart.getPlugins().stream().filter(p -> p instanceof XValueIndicator).count());
            vm.timelineProperty().set(null);
            assertFalse(chart.getPlugins().stream().anyMatch(p -> p instanceof XRangeIndicator || p instanceof XValueIndicator));
            assertTrue(chart.getRenderers().get(0).getDatasets().isEmpty());
        });
    }

    @Test
    void aNewMarkerKeepsTheExistingIndicatorsAndTheCapHoldsOnEveryChart() {
        Fx.run(() -> {
            TimelineViewModel vm = new TimelineViewModel();
            TimelinePane pane = new TimelinePane(vm);
            SessionTimeline t = timelineOf(30);
            vm.timelineProperty().set(t);
            XYChart chart = pane.chart(TimelineMetric.RTT);
            XValueIndicator first = markersOn(chart).get(0);
            t.mark(new SessionEventRecord("g", "p1", 1_020_000, SessionEventRecord.DESYNC, "frame=90"));
            assertSame(first, markersOn(chart).get(0), "the earlier marker's indicator is kept, not rebuilt");
            // A peer desyncing on every frame: far more events than the timeline keeps.
            for (int i = 0; i < SessionTimeline.MAX_MARKERS + 20; i++) {
                t.mark(new SessionEventRecord("g", "p1", 1_021_000 + i * 16L, SessionEventRecord.DESYNC, "frame=" + i));
            }
            for (TimelineMetric m : TimelineMetric.values()) {
                assertEquals(SessionTimeline.MAX_MARKERS, markersOn(pane.chart(m)).size(), m + " holds the capped markers");
            }
        });
    }

    private static List<XValueIndicator> markersOn(XYChart chart) {
        return chart.getPlugins().stream().filter(p -> p instanceof XValueIndicator).map(p -> (XValueIndicator) p).toList();
    }
}
