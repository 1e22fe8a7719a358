package org.rollscope.netcode.game.bot;

/** Always action 0 ("do nothing"): a player who left the keyboard. Immutable. */
public final class IdleBot implements Bot {

    /** The one idle bot; it has no parameters. */
    public static final IdleBot INSTANCE = new IdleBot();

    private IdleBot() {}

    @Override
    public int action(int episode, int frame) {
        BotArgs.checkEpisodeAndFrame(episode, frame);
        return 0;
    }

    @Override
    public String toString() {
        return "idle";
    }
}
