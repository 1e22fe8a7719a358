package org.rollscope.ui.timeline;

/** How much of a timeline the charts show. */
public enum TimelineWindow {
    ONE_MINUTE("1 min", 60),
    TEN_MINUTES("10 min", 600),
    /** The whole session, from the downsampled history. */
    ALL("All", Double.POSITIVE_INFINITY);

    private final String label;
    private final double seconds;

    TimelineWindow(String label, double seconds) {
        this.label = label;
        this.seconds = seconds;
    }

    public String label() {
        return label;
    }

    public double seconds() {
        return seconds;
    }

    @Override
    public String toString() {
        return label;
    }
}
