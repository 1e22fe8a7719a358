/**
 * Observing a MUG server (formerly interactive-gym) through its web admin namespace, with no change to MUG: the
 * cookie login and Socket.IO {@code /admin} connection ({@link org.rollscope.netcode.mug.MugAdminClient}), the pure
 * mapping of MUG's {@code state_update} onto Rollscope's sessions, seats and transports
 * ({@link org.rollscope.netcode.mug.MugStateMapper}), the memory that dedupes MUG's resent logs and keeps ended games
 * listed ({@link org.rollscope.netcode.mug.MugTracker}), and the facade consumers use
 * ({@link org.rollscope.netcode.mug.MugSource}), which speaks the observer package's shapes.
 *
 * <p>It may import {@code observer}, {@code health} and {@code transport} records; never the relay's internals and
 * never JavaFX. Facts about MUG's admin namespace: shared/spec/mug-admin.md; user documentation: docs/mug.md.
 */
package org.rollscope.netcode.mug;
