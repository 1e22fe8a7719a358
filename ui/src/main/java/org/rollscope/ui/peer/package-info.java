/**
 * One peer of a session: {@link org.rollscope.ui.peer.PeerCardViewModel} (every telemetry figure as a read-only
 * property, graded and formatted) and {@link org.rollscope.ui.peer.PeerCard}, its view.
 *
 * <p>The view-model may import source, health, fx.Formats and JavaFX properties, never controls; the view only binds.
 */
package org.rollscope.ui.peer;
