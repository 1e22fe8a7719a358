package org.rollscope.netcode.game.bot;

import java.io.IOException;
import java.nio.file.Path;
import org.rollscope.netcode.game.SlimeAction;

/**
 * Builds a bot from its command-line spec ({@code --bot random|scripted|idle|replay:FILE}).
 *
 * <p>Threads: any. Blocks only to read a replay file.
 */
public final class Bots {

    /** The spec forms, for help texts and error messages. */
    public static final String SPECS = "random, scripted, idle, replay:FILE";

    private static final String REPLAY_PREFIX = "replay:";

    private Bots() {}

    /** {@link #parse(String, long, int, int)} for the reference game's {@link SlimeAction#COUNT} actions. */
    public static Bot parse(String spec, long seed, int playerIndex) {
        return parse(spec, seed, playerIndex, SlimeAction.COUNT);
    }

    /**
     * The bot that {@code spec} names, for player {@code playerIndex} of a session seeded with {@code seed}.
     *
     * @param spec {@code random}, {@code scripted}, {@code idle} or {@code replay:FILE} (case-sensitive)
     * @param actionCount the game's action count; random bots draw from it, scripted and replay bots are checked
     *     against it
     * @throws IllegalArgumentException for an unknown spec, a bad player index, a scripted cycle or replay file with
     *     actions the game does not have, or a replay file that cannot be read or is malformed (the message names
     *     the file and line; the cause is the {@link IOException})
     */
    public static Bot parse(String spec, long seed, int playerIndex, int actionCount) {
        if (playerIndex < 0 || playerIndex > 1) {
            throw new IllegalArgumentException("playerIndex must be 0 or 1, was " + playerIndex);
        }
        if (spec == null) {
            throw new IllegalArgumentException("no bot given; expected one of: " + SPECS);
        }
        switch (spec) {
            case "random":
                return new RandomBot(seed, playerIndex, actionCount);
            case "idle":
                return IdleBot.INSTANCE;
            case "scripted": {
                ScriptedBot bot = new ScriptedBot(playerIndex);
                if (bot.maxAction() >= actionCount) {
                    throw new IllegalArgumentException("the scripted bot plays the reference game's actions 0.."
                            + bot.maxAction() + ", but this game has only " + actionCount);
                }
                return bot;
            }
            default:
                if (spec.startsWith(REPLAY_PREFIX) && spec.length() > REPLAY_PREFIX.length()) {
                    return replay(Path.of(spec.substring(REPLAY_PREFIX.length())), actionCount);
                }
                throw new IllegalArgumentException("unknown bot '" + spec + "'; expected one of: " + SPECS);
        }
    }

    private static Bot replay(Path file, int actionCount) {
        ActionFile actions;
        try {
            actions = ActionFile.read(file);
        } catch (MalformedActionFileException e) {
            throw new IllegalArgumentException("malformed replay file " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read replay file " + file + ": " + e, e);
        }
        if (actions.maxAction() >= actionCount) {
            throw new IllegalArgumentException("replay file " + file + ":" + actions.maxActionLine() + " holds action "
                    + actions.maxAction() + ", but this game has only actions 0.." + (actionCount - 1));
        }
        return new ReplayBot(actions, file.toString());
    }
}
