package org.rollscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.dataset.DataSet;
import org.junit.jupiter.api.Test;
import org.rollscope.ui.testing.Fx;

class MetricSeriesTest {

    @Test
    void liveRingStaysBoundedAndKeepsTheNewestPoints() {
        Fx.run(() -> {
            MetricSeries s = new MetricSeries("rtt", null, 100, 20);
            for (int i = 0; i < 10_000; i++) {
                s.append(i * 0.1, i);
            }
            int n = s.live().getDataCount();
            assertTrue(n >= 100 && n <= 110, "live points: " + n);
            assertEquals(9_999, s.live().get(DataSet.DIM_Y, n - 1));
            assertEquals(999.9, s.live().get(DataSet.DIM_X, n - 1), 1e-9);
        });
    }

    @Test
    void historyStaysBoundedAndKeepsSpikes() {
        Fx.run(() -> {
            MetricSeries s = new MetricSeries("rtt", null, 100, 20);
            for (int i = 0; i < 10_000; i++) {
                s.append(i * 0.1, i == 5_555 ? 900 : 40);
            }
            int n = s.history().getDataCount();
            assertTrue(n <= 20, "history points: " + n);
            assertTrue(s.historyStride() >= 512, "stride " + s.historyStride());
            double max = 0;
            for (int i = 0; i < n; i++) max = Math.max(max, s.history().get(DataSet.DIM_Y, i));
            assertEquals(900, max, "the one spike survives downsampling");
            assertEquals(0.0, s.history().get(DataSet.DIM_X, 0), 1e-9, "history starts at the first sample");
        });
    }

    @Test
    void datasetsAreMadeOnDemandFromTheRingsAndFollowNewPoints() {
        Fx.run(() -> {
            MetricSeries s = new MetricSeries("rtt", "series-peer-a", 100, 20);
            for (int i = 0; i < 250; i++) s.append(i, i);
            assertTrue(!s.attached());
            DataSet live = s.live();
            assertEquals(100, live.getDataCount(), "the ring's newest 100 points");
            assertEquals(150.0, live.get(DataSet.DIM_X, 0));
            assertTrue(live.getStyleClasses().contains("series-peer-a"));
            s.append(250, 250);
            assertEquals(250.0, live.get(DataSet.DIM_Y, live.getDataCount() - 1), "an attached dataset follows");
            s.release();
            assertTrue(!s.attached());
            assertEquals(100, s.liveCount());
            assertEquals(s.historyCount(), s.history().getDataCount());
        });
    }

    @Test
    void unknownValuesBreakTheLineInsteadOfReadingAsZero() {
        Fx.run(() -> {
            MetricSeries s = new MetricSeries("rtt", null, 100, 20);
            s.append(1, 40);
            s.append(2, Double.NaN);
            s.append(3, 42);
            assertTrue(Double.isNaN(s.live().get(DataSet.DIM_Y, 1)));
        });
    }
}
