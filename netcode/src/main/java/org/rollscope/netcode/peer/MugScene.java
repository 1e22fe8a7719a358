package org.rollscope.netcode.peer;

import java.util.Iterator;
import java.util.TreeSet;
import org.json.JSONObject;

/**
 * What a MUG GymScene's metadata ({@code activate_scene}, {@code start_game}) tells a partner that plays it without
 * running its environment: frame rate, input delay, episodes, their length, the action space and the default action.
 *
 * @param sceneId the scene's id (MUG files episode data under it)
 * @param fps frames per second
 * @param inputDelay GGPO input delay in frames
 * @param episodes episodes per game
 * @param maxSteps frames of an episode unless the environment ends it sooner
 * @param actionCount discrete actions: one more than the largest of the action mapping's values and the default
 * @param defaultAction the action of a frame nobody chose
 */
record MugScene(String sceneId, int fps, int inputDelay, int episodes, int maxSteps, int actionCount,
                int defaultAction) {

    /** The engine and the wire carry one byte per action, and the bots pick among at most this many. */
    static final int MAX_ACTIONS = 8;

    /** Why a scene cannot be played by this partner. */
    static final class Unplayable extends Exception {
        Unplayable(String reason) {
            super(reason);
        }
    }

    /**
     * Reads a GymScene's metadata.
     *
     * @throws Unplayable naming the reason: not exactly two human players, composite or non-integer actions, more
     *                    than {@link #MAX_ACTIONS} actions, or a value out of range
     */
    static MugScene parse(JSONObject m) throws Unplayable {
        JSONObject policies = m.optJSONObject("policy_mapping");
        int humans = 0;
        int seats = policies == null ? 0 : policies.length();
        if (policies != null) {
            for (Iterator<String> it = policies.keys(); it.hasNext(); ) {
                if ("human".equalsIgnoreCase(String.valueOf(policies.get(it.next())))) {
                    humans++;
                }
            }
        }
        if (seats != 2 || humans != 2) {
            throw new Unplayable("the scene has " + seats + " seats (" + humans + " human); a pilot partner plays"
                    + " only two-human scenes");
        }
        if (m.optBoolean("game_has_composite_actions", false)) {
            throw new Unplayable("the scene has composite actions; only a discrete action space can be played");
        }
        JSONObject mapping = m.optJSONObject("action_mapping");
        if (mapping == null || mapping.isEmpty()) {
            throw new Unplayable("the scene has no action_mapping: its action space is unknown");
        }
        TreeSet<Integer> actions = new TreeSet<>();
        for (Iterator<String> it = mapping.keys(); it.hasNext(); ) {
            Object v = mapping.get(it.next());
            if (!(v instanceof Integer i) || i < 0) {
                throw new Unplayable("action_mapping value " + v + " is not a non-negative integer");
            }
            actions.add(i);
        }
        Object d = m.opt("default_action");
        if (!(d instanceof Integer defaultAction) || defaultAction < 0) {
            throw new Unplayable("default_action " + d + " is not a non-negative integer");
        }
        int actionCount = Math.max(actions.last(), defaultAction) + 1;
        if (actionCount > MAX_ACTIONS) {
            throw new Unplayable("the scene has actions up to " + (actionCount - 1) + "; at most " + MAX_ACTIONS
                    + " discrete actions can be played");
        }
        int fps = m.optInt("fps", 0);
        int episodes = m.optInt("num_episodes", 0);
        double maxSteps = m.optDouble("max_steps", 0);
        int inputDelay = m.optInt("input_delay", -1);
        if (fps < 1 || fps > 240 || episodes < 1 || maxSteps < 1 || maxSteps > 1_000_000 || inputDelay < 0
                || inputDelay > 16) {
            throw new Unplayable("unsupported settings: fps " + fps + ", num_episodes " + episodes + ", max_steps "
                    + maxSteps + ", input_delay " + inputDelay);
        }
        return new MugScene(m.optString("scene_id", "?"), fps, inputDelay, episodes, (int) maxSteps, actionCount,
                defaultAction);
    }
}
