package org.rollscope.netcode.input;

/**
 * The prediction rule: what to assume a player does at a frame whose input has not arrived yet. Predictions never
 * reach the exported data (only confirmed frames are exported); a good rule only means fewer rollbacks.
 *
 * <p>Threads: stateless and immutable; any thread.
 */
public sealed interface InputPredictor {

    /**
     * @param lastConfirmedAction the player's newest confirmed action before the predicted frame, or -1 when none
     * @return the predicted action
     */
    int predict(int lastConfirmedAction);

    /** Repeat the player's last confirmed input (GGPO/GGRS's rule); the default action when there is none yet. */
    static InputPredictor repeatLast(int defaultAction) {
        return new RepeatLast(defaultAction);
    }

    /** Always predict the same action (e.g. 0, "do nothing"). */
    static InputPredictor constant(int action) {
        return new Constant(action);
    }

    /** @see #repeatLast(int) */
    record RepeatLast(int defaultAction) implements InputPredictor {
        @Override
        public int predict(int lastConfirmedAction) {
            return lastConfirmedAction >= 0 ? lastConfirmedAction : defaultAction;
        }
    }

    /** @see #constant(int) */
    record Constant(int action) implements InputPredictor {
        @Override
        public int predict(int lastConfirmedAction) {
            return action;
        }
    }
}
