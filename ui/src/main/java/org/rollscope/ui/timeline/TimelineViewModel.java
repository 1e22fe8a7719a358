package org.rollscope.ui.timeline;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the timelines show: which session's timeline, which window, and whether the view follows new data (paused:
 * data keeps arriving, the axes stand still; zooming or panning pauses too).
 *
 * <p>FX thread only.
 */
public final class TimelineViewModel {

    private final ObjectProperty<SessionTimeline> timeline = new SimpleObjectProperty<>();
    private final ObjectProperty<TimelineWindow> window = new SimpleObjectProperty<>(TimelineWindow.ONE_MINUTE);
    private final BooleanProperty paused = new SimpleBooleanProperty(false);

    public ObjectProperty<SessionTimeline> timelineProperty() {
        return timeline;
    }

    public ObjectProperty<TimelineWindow> windowProperty() {
        return window;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /**
     * The x range to show now, in epoch seconds, or null to auto-range (window "all", or nothing yet).
     */
    public double[] visibleRange() {
        SessionTimeline t = timeline.get();
        if (t == null || Double.isNaN(t.latestSec()) || window.get() == TimelineWindow.ALL) {
            return null;
        }
        double end = t.latestSec();
        return new double[] {end - window.get().seconds(), end};
    }
}
