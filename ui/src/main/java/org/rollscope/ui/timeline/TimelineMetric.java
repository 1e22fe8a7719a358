package org.rollscope.ui.timeline;

/** The charts of a session timeline, one unit each (one renderer per unit, as ChartFX advises). */
public enum TimelineMetric {
    /** frame − confirmed_frame per peer, plus the drift between the peers. */
    FRAME_LAG("Confirmation lag & drift", "frames"),
    RTT("RTT", "ms"),
    GAP_RATE("Gap rate", "%"),
    BUFFERED("Send buffer", "KB"),
    ROLLBACK_RATE("Rollbacks", "1/s"),
    ROLLBACK_DEPTH("Rollback depth", "frames");

    private final String title;
    private final String unit;

    TimelineMetric(String title, String unit) {
        this.title = title;
        this.unit = unit;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }
}
