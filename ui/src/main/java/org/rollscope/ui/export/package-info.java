/**
 * Timeline export and review (telemetry.md §4): {@link org.rollscope.ui.export.TimelineRecorder} keeps every sample
 * and event received, {@link org.rollscope.ui.export.TimelineExporter} writes CSV and JSON,
 * {@link org.rollscope.ui.export.TimelineReader} opens a JSON timeline again and
 * {@link org.rollscope.ui.export.ReplaySource} plays it back as a {@link org.rollscope.ui.source.SessionSource}, so
 * the live views show a past session. Also the export task (progress) and chart PNGs.
 *
 * <p>May import source, Jackson and javafx.concurrent / javafx.embed.swing; never a view-model or a feature view.
 */
package org.rollscope.ui.export;
