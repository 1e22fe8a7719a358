/**
 * Timelines of a session: per-metric ChartFX series in bounded rings with a downsampled history for "all"
 * ({@link org.rollscope.ui.timeline.MetricSeries}), transport bands and event markers
 * ({@link org.rollscope.ui.timeline.SessionTimeline}), and {@link org.rollscope.ui.timeline.TimelinePane}, the charts.
 *
 * <p>Datasets change only on the FX thread, inside the inbox drain. The model may import ChartFX datasets and JavaFX
 * collections, never controls; only TimelinePane builds charts.
 */
package org.rollscope.ui.timeline;
