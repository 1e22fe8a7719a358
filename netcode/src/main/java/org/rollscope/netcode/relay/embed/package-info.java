/**
 * Embedding of the Socket.IO v4 server (socket.io-server + engine.io-server) in Jetty 12: the polling servlet, the
 * WebSocket adapter and the observer connect gate. It owns no Rollscope session logic and may not import
 * {@code org.rollscope.netcode.relay} (the relay builds on it, never the reverse).
 */
package org.rollscope.netcode.relay.embed;
