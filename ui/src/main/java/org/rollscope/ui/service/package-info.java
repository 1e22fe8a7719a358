/**
 * Services between a {@link org.rollscope.ui.source.SessionSource} and the view-models: the one thread seam
 * ({@link org.rollscope.ui.service.TelemetryInbox}, drained by {@link org.rollscope.ui.service.InboxPump} once per
 * pulse) and command dispatch ({@link org.rollscope.ui.service.CommandService}).
 *
 * <p>May import source, JavaFX base/graphics (AnimationTimer, properties); never controls or views.
 */
package org.rollscope.ui.service;
