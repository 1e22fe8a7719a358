/**
 * Health grading: the thresholds of the console (RTT, gap rate, send buffer, desyncs) in one place, and the grade
 * (healthy / degraded / critical / unknown) that badges and colours show.
 *
 * <p>Pure Java: may import netcode's PeerSample; never JavaFX.
 */
package org.rollscope.ui.health;
