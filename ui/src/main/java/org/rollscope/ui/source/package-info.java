/**
 * The console's data seam: {@link org.rollscope.ui.source.SessionSource} and the small records it delivers (sessions,
 * events, connection states, command results, capabilities). Implemented by the relay observer client, by a MUG admin
 * reader and by the offline replay of a recorded timeline.
 *
 * <p>May import netcode's public records (PeerSample, LinkProfile) and the JDK; never JavaFX, never a view.
 */
package org.rollscope.ui.source;
