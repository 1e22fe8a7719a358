/**
 * Per-player input bookkeeping of the rollback engine: the ring of confirmed inputs, the inputs each frame was
 * simulated with, and the prediction rule. Pure data structures: may import only {@code org.rollscope.netcode} (Frames),
 * never the engine, the wire or any transport.
 */
package org.rollscope.netcode.input;
