package org.rollscope.ui.timeline;

/**
 * A session event drawn on the timelines as a vertical marker.
 *
 * @param tSec epoch seconds
 * @param kind the event kind (fallback, p2p_restored, desync, episode_end, command)
 * @param label short text on the marker, e.g. {@code fallback p1}
 */
public record EventMarker(double tSec, String kind, String label) {}
