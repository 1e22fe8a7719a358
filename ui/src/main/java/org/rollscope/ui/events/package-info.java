/**
 * Session events as the console keeps them: a bounded, filterable {@link org.rollscope.ui.events.EventLog} per session
 * and one overall, and {@link org.rollscope.ui.events.EventLogView}, its table.
 *
 * <p>The log may import source and JavaFX collections, never controls; the view only binds.
 */
package org.rollscope.ui.events;
