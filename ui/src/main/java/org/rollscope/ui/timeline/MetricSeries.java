package org.rollscope.ui.timeline;

import io.fair_acc.dataset.spi.DoubleDataSet;
import org.rollscope.ui.fx.FxThread;

/**
 * One metric of one peer as two ChartFX series: a live ring of the most recent points (the 1 min and 10 min windows)
 * and a peak-preserving downsampled history of the whole session (the "all" window). Memory is bounded by the two
 * capacities, however long the session runs.
 *
 * <p>The live ring trims in batches: it grows to {@code capacity + capacity/10} and then drops the oldest tenth at
 * once, so an append costs O(1) amortised instead of an array shift per point. The history keeps one point per
 * bucket of {@code stride} samples, the one with the largest magnitude (spikes are what an operator looks for); when
 * it fills up, neighbouring points are merged pairwise and the stride doubles.
 *
 * <p>FX thread only (single writer; the chart reads on the same thread).
 */
public final class MetricSeries {

    /** 10 Hz samples × 600 s: the 10 min window at full resolution. */
    public static final int LIVE_CAPACITY = 10 * 600;
    /** Points of the "all" history: about one per screen pixel of a wide chart. */
    public static final int HISTORY_CAPACITY = 2_000;

    private final int liveCapacity;
    private final int historyCapacity;
    private final DoubleDataSet live;
    private final DoubleDataSet history;
    private int stride = 1;
    private int bucketCount;
    private double bucketT;
    private double bucketPeak = Double.NaN;

    public MetricSeries(String name) {
        this(name, LIVE_CAPACITY, HISTORY_CAPACITY);
    }

    MetricSeries(String name, int liveCapacity, int historyCapacity) {
        if (liveCapacity < 10 || historyCapacity < 4 || historyCapacity % 2 != 0) {
            throw new IllegalArgumentException("capacities too small or history odd: " + liveCapacity + ", " + historyCapacity);
        }
        this.liveCapacity = liveCapacity;
        this.historyCapacity = historyCapacity;
        live = new DoubleDataSet(name, liveCapacity + liveCapacity / 10 + 1);
        history = new DoubleDataSet(name, historyCapacity + 1);
    }

    /** Adds a point; {@code value} NaN means unknown and breaks the line. FX thread. */
    public void append(double tSeconds, double value) {
        FxThread.assertFxThread();
        live.add(tSeconds, value);
        if (live.getDataCount() > liveCapacity + liveCapacity / 10) {
            live.remove(0, live.getDataCount() - liveCapacity);
        }
        addToHistory(tSeconds, value);
    }

    private void addToHistory(double t, double value) {
        if (bucketCount == 0) {
            bucketT = t;
            bucketPeak = value;
        } else if (Double.isNaN(bucketPeak) || (!Double.isNaN(value) && Math.abs(value) > Math.abs(bucketPeak))) {
            bucketPeak = value;
        }
        if (++bucketCount < stride) {
            return;
        }
        history.add(bucketT, bucketPeak);
        bucketCount = 0;
        if (history.getDataCount() >= historyCapacity) {
            compactHistory();
        }
    }

    /** Merges neighbouring history points pairwise (keeping the peak) and doubles the stride. */
    private void compactHistory() {
        int n = history.getDataCount();
        double[] xs = new double[n / 2];
        double[] ys = new double[n / 2];
        for (int i = 0; i + 1 < n; i += 2) {
            double a = history.get(DoubleDataSet.DIM_Y, i);
            double b = history.get(DoubleDataSet.DIM_Y, i + 1);
            xs[i / 2] = history.get(DoubleDataSet.DIM_X, i);
            ys[i / 2] = Double.isNaN(a) || (!Double.isNaN(b) && Math.abs(b) > Math.abs(a)) ? b : a;
        }
        history.set(xs, ys);
        stride *= 2;
    }

    /** The live ring (most recent {@link #LIVE_CAPACITY} points or a little more). */
    public DoubleDataSet live() {
        return live;
    }

    /** The downsampled history of the whole session. */
    public DoubleDataSet history() {
        return history;
    }

    /** Samples per history point at present. */
    public int historyStride() {
        return stride;
    }

    public void clear() {
        FxThread.assertFxThread();
        live.clearData();
        history.clearData();
        stride = 1;
        bucketCount = 0;
    }
}
