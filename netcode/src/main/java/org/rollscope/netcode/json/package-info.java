/**
 * The relay's one JSON model: every value a client sends is converted once, under {@link
 * org.rollscope.netcode.json.JsonLimits}, into an immutable {@link org.rollscope.netcode.json.JsonValue}, and
 * {@link org.rollscope.netcode.json.JsonWriter} encodes any such value without ever throwing.
 *
 * <p>May import {@code java.*} and {@code org.json} (the form Socket.IO delivers) only; nothing else in netcode.
 */
package org.rollscope.netcode.json;
