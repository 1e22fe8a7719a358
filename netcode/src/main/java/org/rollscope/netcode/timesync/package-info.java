/**
 * Time synchronisation between two peers: the frame advantage estimate and the recommendation to wait a frame so
 * that the peer running ahead slows gently. Pure arithmetic: imports nothing of the engine, wire or transports.
 */
package org.rollscope.netcode.timesync;
