package org.rollscope.netcode.game.bot;

/** Argument checks shared by the bots. */
final class BotArgs {

    private BotArgs() {}

    /** Rejects the (episode, frame) pairs that no bot answers. */
    static void checkEpisodeAndFrame(int episode, int frame) {
        if (episode < 0 || frame < 0) {
            throw new IllegalArgumentException("episode and frame must be non-negative, were " + episode + ", " + frame);
        }
    }
}
