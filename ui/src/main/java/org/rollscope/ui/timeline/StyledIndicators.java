package org.rollscope.ui.timeline;

import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.plugins.XRangeIndicator;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import java.util.List;

/**
 * ChartFX indicators that keep our style classes. ChartFX resets an indicator's node classes whenever it restyles
 * it ({@code updateStyleClass} replaces the whole list), so the classes that give bands and markers their theme
 * colours are added back after every reset.
 */
final class StyledIndicators {

    private StyledIndicators() {}

    /** A shaded stretch of time (a transport band). Not editable, no text. */
    static final class Band extends XRangeIndicator {
        private final String styleClass;

        Band(Axis axis, double from, double to, String styleClass) {
            super(axis, from, to, "");
            this.styleClass = styleClass;
            setEditable(false);
            updateStyleClass();
        }

        @Override
        public void updateStyleClass() {
            super.updateStyleClass();
            if (styleClass != null) { // null while the super constructor runs
                rectangle.getStyleClass().add(styleClass);
                label.getStyleClass().add(styleClass);
                label.setVisible(false);
                rectangle.setMouseTransparent(true);
            }
        }
    }

    /** A vertical line at an event, optionally labelled. Not editable. */
    static final class Marker extends XValueIndicator {
        private final List<String> styleClasses;

        Marker(Axis axis, double t, String text, List<String> styleClasses) {
            super(axis, t, text);
            this.styleClasses = styleClasses;
            setEditable(false);
            setLabelPosition(0.92); // near the top, clear of the x axis
            // ChartFX sizes the label before our CSS applies; without this it shrinks to an ellipsis.
            label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            updateStyleClass();
        }

        @Override
        public void updateStyleClass() {
            super.updateStyleClass();
            if (styleClasses != null) {
                line.getStyleClass().addAll(styleClasses);
                triangle.getStyleClass().addAll(styleClasses);
                label.getStyleClass().addAll(styleClasses);
            }
        }
    }
}
