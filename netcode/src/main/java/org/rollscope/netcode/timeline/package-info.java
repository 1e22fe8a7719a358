/**
 * The timeline export formats of telemetry.md §4 (CSV of samples, CSV of events, JSON {@code {meta, samples,
 * events}}): one implementation for the console's export and the relay archive's ({@code ctl export}). Imports only
 * health, observer and transport records; no JavaFX, no relay.
 */
package org.rollscope.netcode.timeline;
