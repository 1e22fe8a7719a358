/**
 * The History view: past sessions from the watched relay's archive, filtered and sorted, opened in the usual views
 * (as a replay) or exported as the archive exports them. May use the source seam, the export package and netcode's
 * public archive types; the view-model imports no controls, and nothing here talks to a socket directly.
 */
package org.rollscope.ui.history;
