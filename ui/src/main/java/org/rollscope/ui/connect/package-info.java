/**
 * Real sources behind the console's seam: {@link org.rollscope.ui.connect.RelaySource} adapts netcode's
 * {@code ObserverClient} (a Rollscope relay's {@code /observer} namespace) to
 * {@link org.rollscope.ui.source.SessionSource}; {@link org.rollscope.ui.connect.ObserverMapping} converts the
 * observer records (snapshots, events, capabilities, acknowledgements) into the console's.
 *
 * <p>May import source and netcode's public observer records; never JavaFX.
 */
package org.rollscope.ui.connect;
