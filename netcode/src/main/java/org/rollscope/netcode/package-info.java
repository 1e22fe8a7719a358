/**
 * Rollscope's netcode: the wire codec, the rollback engine, the reference game, transports with health monitoring,
 * the headless peer and the session relay. Nothing here may import JavaFX; the console depends on this module, never
 * the other way round.
 */
package org.rollscope.netcode;
