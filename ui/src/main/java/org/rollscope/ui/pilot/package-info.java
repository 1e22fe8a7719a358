/**
 * Pilot: a built-in headless peer run inside the console's process, opening a pilot session that waits for a second
 * player or taking the open seat of a watched session. {@link org.rollscope.ui.pilot.PilotPeerService} owns the peer
 * (started and stopped on its own thread), {@link org.rollscope.ui.pilot.PilotPeerViewModel} the state the view shows,
 * {@link org.rollscope.ui.pilot.PilotPane} and {@link org.rollscope.ui.pilot.PilotDialog} the controls.
 *
 * <p>The service may not import JavaFX; the view-model may not import controls; nothing here imports netcode
 * internals (only {@code HeadlessPeer}, {@code PeerConfig}, {@code LinkProfile}).
 */
package org.rollscope.ui.pilot;
