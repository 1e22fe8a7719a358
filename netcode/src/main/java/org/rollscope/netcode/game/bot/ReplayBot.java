package org.rollscope.netcode.game.bot;

/**
 * Replays a recorded {@link ActionFile}: the recorded action of each (episode, frame), 0 where the file is silent.
 * Immutable and thread-safe.
 */
public final class ReplayBot implements Bot {

    private final ActionFile file;
    private final String name;

    /**
     * @param file the recorded actions
     * @param name where they came from, for {@link #toString()}
     */
    public ReplayBot(ActionFile file, String name) {
        this.file = file;
        this.name = name;
    }

    @Override
    public int action(int episode, int frame) {
        BotArgs.checkEpisodeAndFrame(episode, frame);
        return file.action(episode, frame);
    }

    @Override
    public String toString() {
        return "replay:" + name;
    }
}
