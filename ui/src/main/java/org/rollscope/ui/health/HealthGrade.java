package org.rollscope.ui.health;

/** How a figure, a peer or a session is doing. Ordered from best to worst; {@link #UNKNOWN} ranks below healthy. */
public enum HealthGrade {
    /** Nothing known to grade (no report, or a source that does not report the figure). */
    UNKNOWN,
    HEALTHY,
    DEGRADED,
    CRITICAL;

    /** The worse of two grades; a known grade always beats {@link #UNKNOWN}. */
    public HealthGrade worst(HealthGrade other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public String label() {
        return switch (this) {
            case UNKNOWN -> "no report";
            case HEALTHY -> "healthy";
            case DEGRADED -> "degraded";
            case CRITICAL -> "critical";
        };
    }
}
