package org.rollscope.netcode.peer;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.wire.Message;

/**
 * What differs between a seat in a Rollscope session and a seat in a MUG game.
 *
 * @param game the game the engine steps (the reference game, or a stand-in for an environment we do not run)
 * @param defaultAction the action predicted for the other player before any is known
 * @param verifyHashes compare STATE_HASHes with the other peer's; off when our game is a stand-in (the page hashes
 *                     its real environment: every comparison would differ), and then none are sent either
 * @param latchFallback once inputs left P2P they never return (MUG's fallback latches for the game)
 * @param mayPlay frames advance only while this holds (a MUG page ticks only after the server confirmed the channel)
 * @param remoteEpisodeEnd told of each EPISODE_END the other peer sends (a page ends episodes its environment ends)
 * @param partnerTimeout no progress for this long means the partner is gone ({@link PartnerWatch}); zero: wait for
 *     ever (a MUG page stops while its tab is in the background, and MUG's server decides when a game is over)
 * @param episodeStartTimeout how long to wait for the partner's EPISODE_READY before starting an episode without it
 *     ({@link org.rollscope.netcode.engine.SessionConfig#episodeStartTimeout()}); zero: wait for ever
 */
record SeatRules(Game game, int defaultAction, boolean verifyHashes, boolean latchFallback, BooleanSupplier mayPlay,
                 Consumer<Message.EpisodeEnd> remoteEpisodeEnd, Duration partnerTimeout,
                 Duration episodeStartTimeout) {

    /** A Rollscope session: the given game, every rule of the P2P-first / relay-fallback policy. */
    static SeatRules rollscope(Game game, Duration partnerTimeout) {
        return new SeatRules(game, 0, true, false, () -> true, end -> { }, partnerTimeout, Duration.ZERO);
    }
}
