/**
 * Operator actions on a session: force fallback, restore P2P, link conditions with presets.
 * {@link org.rollscope.ui.command.ActionsViewModel} decides what is allowed and why not (shown as tooltips);
 * {@link org.rollscope.ui.command.LinkDialog} edits a {@link org.rollscope.netcode.transport.LinkProfile}.
 *
 * <p>The view-model may import service, session, source; never controls. Views bind only.
 */
package org.rollscope.ui.command;
