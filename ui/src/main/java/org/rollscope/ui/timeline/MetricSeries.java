package org.rollscope.ui.timeline;

import io.fair_acc.dataset.spi.DoubleDataSet;
import org.rollscope.ui.fx.FxThread;

/**
 * One metric of one peer over time, in two bounded forms: a live ring of the most recent points (the 1 min and 10
 * min windows) and a peak-preserving downsampled history of the whole session (the "all" window).
 *
 * <p>The points live in primitive rings; ChartFX datasets are made only for the session on screen
 * ({@link #live()}, {@link #history()}) and dropped again with {@link #release()}. With 100 sessions at 10 Hz, feeding
 * 1,300 ChartFX datasets (each add takes a lock and fires events) was most of the FX thread's work; a ring write is
 * a few nanoseconds.
 *
 * <p>History: one point per bucket of {@code stride} samples, the one with the largest magnitude (spikes are what an
 * operator looks for); when it fills up, neighbouring points are merged pairwise and the stride doubles. An attached
 * live dataset trims in batches (it grows to capacity + 10 % and then drops the oldest tenth at once), so an append
 * costs O(1) amortised.
 *
 * <p>FX thread only (single writer; the chart reads on the same thread).
 */
public final class MetricSeries {

    /** 10 Hz samples × 600 s: the 10 min window at full resolution. */
    public static final int LIVE_CAPACITY = 10 * 600;
    /** Points of the "all" history: about one per screen pixel of a wide chart. */
    public static final int HISTORY_CAPACITY = 2_000;

    private final String name;
    private final String styleClass;
    private final int liveCapacity;
    private final int historyCapacity;
    private final double[] liveT;
    private final double[] liveV;
    private int liveStart;
    private int liveCount;
    private final double[] historyT;
    private final double[] historyV;
    private int historyCount;
    private int stride = 1;
    private int bucketCount;
    private double bucketT;
    private double bucketPeak = Double.NaN;
    private DoubleDataSet liveSet;
    private DoubleDataSet historySet;

    public MetricSeries(String name, String styleClass) {
        this(name, styleClass, LIVE_CAPACITY, HISTORY_CAPACITY);
    }

    MetricSeries(String name, String styleClass, int liveCapacity, int historyCapacity) {
        if (liveCapacity < 10 || historyCapacity < 4 || historyCapacity % 2 != 0) {
            throw new IllegalArgumentException("capacities too small or history odd: " + liveCapacity + ", " + historyCapacity);
        }
        this.name = name;
        this.styleClass = styleClass;
        this.liveCapacity = liveCapacity;
        this.historyCapacity = historyCapacity;
        liveT = new double[liveCapacity];
        liveV = new double[liveCapacity];
        historyT = new double[historyCapacity];
        historyV = new double[historyCapacity];
    }

    /** Adds a point; {@code value} NaN means unknown and breaks the line. FX thread. */
    public void append(double tSeconds, double value) {
        FxThread.assertFxThread();
        int slot = (liveStart + liveCount) % liveCapacity;
        liveT[slot] = tSeconds;
        liveV[slot] = value;
        if (liveCount < liveCapacity) {
            liveCount++;
        } else {
            liveStart = (liveStart + 1) % liveCapacity;
        }
        if (liveSet != null) {
            liveSet.add(tSeconds, value);
            if (liveSet.getDataCount() > liveCapacity + liveCapacity / 10) {
                liveSet.remove(0, liveSet.getDataCount() - liveCapacity);
            }
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
        historyT[historyCount] = bucketT;
        historyV[historyCount] = bucketPeak;
        historyCount++;
        bucketCount = 0;
        if (historyCount >= historyCapacity) {
            compactHistory();
            if (historySet != null) {
                historySet.set(historyT.clone(), historyV.clone(), historyCount, true);
            }
        } else if (historySet != null) {
            historySet.add(bucketT, bucketPeak);
        }
    }

    /** Merges neighbouring history points pairwise (keeping the peak) and doubles the stride. */
    private void compactHistory() {
        int n = historyCount;
        for (int i = 0; i + 1 < n; i += 2) {
            double a = historyV[i];
            double b = historyV[i + 1];
            historyT[i / 2] = historyT[i];
            historyV[i / 2] = Double.isNaN(a) || (!Double.isNaN(b) && Math.abs(b) > Math.abs(a)) ? b : a;
        }
        historyCount = n / 2;
        stride *= 2;
    }

    /** The live ring as a ChartFX dataset, made on first use and kept in step until {@link #release()}. */
    public DoubleDataSet live() {
        FxThread.assertFxThread();
        if (liveSet == null) {
            double[] xs = new double[liveCount];
            double[] ys = new double[liveCount];
            for (int i = 0; i < liveCount; i++) {
                xs[i] = liveT[(liveStart + i) % liveCapacity];
                ys[i] = liveV[(liveStart + i) % liveCapacity];
            }
            liveSet = dataset(xs, ys, liveCount, liveCapacity + liveCapacity / 10 + 1);
        }
        return liveSet;
    }

    /** The downsampled history as a ChartFX dataset, made on first use and kept in step until {@link #release()}. */
    public DoubleDataSet history() {
        FxThread.assertFxThread();
        if (historySet == null) {
            historySet = dataset(historyT.clone(), historyV.clone(), historyCount, historyCapacity + 1);
        }
        return historySet;
    }

    private DoubleDataSet dataset(double[] xs, double[] ys, int count, int capacity) {
        DoubleDataSet d = new DoubleDataSet(name, capacity);
        d.set(xs, ys, count, true);
        if (styleClass != null) {
            d.addStyleClasses(styleClass);
        }
        return d;
    }

    /** Drops the ChartFX datasets (the session left the screen); the rings keep every point. */
    public void release() {
        liveSet = null;
        historySet = null;
    }

    /** True while a dataset is attached (for tests). */
    boolean attached() {
        return liveSet != null || historySet != null;
    }

    /** Points in the live ring. */
    public int liveCount() {
        return liveCount;
    }

    /** Points in the history. */
    public int historyCount() {
        return historyCount;
    }

    /** Samples per history point at present. */
    public int historyStride() {
        return stride;
    }
}
