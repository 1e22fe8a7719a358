/**
 * Synchronisation state of one peer: the snapshot ring, the speculative per-frame data that becomes canonical on
 * confirmation, and the state-hash exchange that turns confirmed frames into verified ones (or desyncs). May import
 * {@code org.rollscope.netcode} and {@code game} (StepResult); never the wire, transports or the engine package.
 */
package org.rollscope.netcode.sync;
