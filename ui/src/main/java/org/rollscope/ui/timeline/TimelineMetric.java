package org.rollscope.ui.timeline;

import java.util.List;

/** The charts of a session timeline, one unit each (one renderer per unit, as ChartFX advises). */
public enum TimelineMetric {
    /** frame − confirmed_frame per peer, plus the drift between the peers. */
    FRAME_LAG("Confirmation lag & drift", "frames", "frame", "confirmed_frame"),
    RTT("RTT", "ms", "rtt_ms"),
    GAP_RATE("Gap rate", "%", "gap_rate"),
    BUFFERED("Send buffer", "KB", "buffered_amount"),
    ROLLBACK_RATE("Rollbacks", "1/s", "rollbacks"),
    ROLLBACK_DEPTH("Rollback depth", "frames", "last_rollback_depth");

    private final String title;
    private final String unit;
    private final List<String> fields;

    TimelineMetric(String title, String unit, String... fields) {
        this.title = title;
        this.unit = unit;
        this.fields = List.of(fields);
    }

    /** The telemetry fields (telemetry.md §1) the chart is made of: it is drawn only when the source reports them. */
    public List<String> fields() {
        return fields;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }
}
