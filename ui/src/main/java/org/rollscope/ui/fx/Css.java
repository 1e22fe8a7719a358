package org.rollscope.ui.fx;

import org.rollscope.ui.health.HealthGrade;

/**
 * Style-class names used by the views; their looks live in the styles module's {@code rollscope.css}. One constant
 * per class so that a rename is one edit and a grep finds every use.
 */
public final class Css {

    private Css() {}

    public static final String ROOT = "rollscope";
    public static final String TOOLBAR = "console-toolbar";
    public static final String STATUS_LINE = "status-line";
    public static final String STATUS_OK = "status-ok";
    public static final String STATUS_ERROR = "status-error";
    public static final String STATUS_PENDING = "status-pending";
    public static final String CONNECTION_LABEL = "connection-label";

    public static final String SESSION_LIST = "session-list";
    public static final String SESSION_CELL = "session-cell";
    public static final String SESSION_TITLE = "session-title";
    public static final String SESSION_ENDED = "session-ended";
    public static final String SESSION_META = "session-meta";

    public static final String DETAIL = "session-detail";
    public static final String DETAIL_TITLE = "detail-title";
    public static final String SECTION_TITLE = "section-title";
    public static final String DRIFT_BOX = "drift-box";
    public static final String PLACEHOLDER = "placeholder";

    public static final String PEER_CARD = "peer-card";
    public static final String PEER_TITLE = "peer-title";
    public static final String FIGURE = "figure";
    public static final String FIGURE_VALUE = "figure-value";
    public static final String FIGURE_LABEL = "figure-label";
    public static final String METRIC_GRID = "metric-grid";
    public static final String METRIC_NAME = "metric-name";
    public static final String METRIC_VALUE = "metric-value";
    public static final String UNKNOWN = "unknown";
    /** A live peer that stopped reporting: its card dims, a note says for how long. */
    public static final String STALE = "stale";
    public static final String STALE_NOTE = "stale-note";

    public static final String BADGE = "health-badge";
    public static final String CHIP = "transport-chip";
    public static final String TRANSPORT_P2P = "transport-p2p";
    public static final String TRANSPORT_RELAY = "transport-relay";
    public static final String TRANSPORT_BOTH = "transport-both";
    public static final String TRANSPORT_NONE = "transport-none";

    public static final String EVENT_LOG = "event-log";
    public static final String TIMELINE = "timeline";
    public static final String TIMELINE_CHART = "timeline-chart";
    public static final String BAND_P2P = "band-p2p";
    public static final String BAND_RELAY = "band-relay";
    public static final String BAND_BOTH = "band-both";
    public static final String MARKER = "event-marker";
    /** Dataset classes: one colour per seat, the same in every chart. */
    public static final String SERIES_PEER_A = "series-peer-a";
    public static final String SERIES_PEER_B = "series-peer-b";
    public static final String SERIES_DRIFT = "series-drift";

    public static final String HISTORY = "history";
    public static final String HISTORY_TITLE = "history-title";
    public static final String HISTORY_TABLE = "history-table";
    /** The History's main command (Open): the accent colour, so the eye finds it. */
    public static final String HISTORY_PRIMARY = "history-primary";
    /** A table column of figures: right-aligned. */
    public static final String NUMERIC = "numeric";
    /** The toolbar's History toggle. */
    public static final String HISTORY_TOGGLE = "history-toggle";

    public static final String ACTION_BAR = "action-bar";
    public static final String DANGER = "danger";

    /** Class for a health grade: {@code grade-healthy}, {@code grade-degraded}, {@code grade-critical}, {@code grade-unknown}. */
    public static String grade(HealthGrade grade) {
        return "grade-" + grade.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Every grade class, to remove before adding the current one. */
    public static final String[] ALL_GRADES = {
        grade(HealthGrade.HEALTHY), grade(HealthGrade.DEGRADED), grade(HealthGrade.CRITICAL), grade(HealthGrade.UNKNOWN)
    };

    public static final String[] ALL_TRANSPORTS = {TRANSPORT_P2P, TRANSPORT_RELAY, TRANSPORT_BOTH, TRANSPORT_NONE};

    /** Class for a telemetry {@code transport} value; unknown or missing gives {@link #TRANSPORT_NONE}. */
    public static String transport(String transport) {
        if (transport == null) {
            return TRANSPORT_NONE;
        }
        return switch (transport) {
            case "p2p" -> TRANSPORT_P2P;
            case "relay" -> TRANSPORT_RELAY;
            case "p2p+relay" -> TRANSPORT_BOTH;
            default -> TRANSPORT_NONE;
        };
    }

    /** Replaces whichever of {@code family} a node has with {@code current}. */
    public static void swap(javafx.scene.Node node, String[] family, String current) {
        node.getStyleClass().removeAll(family);
        node.getStyleClass().add(current);
    }
}
