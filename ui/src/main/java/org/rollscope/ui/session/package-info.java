/**
 * Sessions: {@link org.rollscope.ui.session.ConsoleModel} (every session, sorted and filtered, the overall event log,
 * connection and status), {@link org.rollscope.ui.session.SessionViewModel} (one session: peers, drift, health,
 * events, timelines) and their views, the session list and the session detail.
 *
 * <p>View-models may import source, service.SourceUpdate, health, peer, events, timeline models and JavaFX
 * properties/collections, never controls; views only bind and forward clicks to commands.
 */
package org.rollscope.ui.session;
