package org.rollscope.netcode.sim;

import java.util.ArrayList;
import java.util.List;
import org.rollscope.netcode.engine.FrameRecord;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.game.StepResult;

/**
 * The reference trajectory: the same game, seed and action sources stepped in lockstep with no network. Frame f uses
 * {@code actions.action(p, episode, f)}, except the first {@code inputDelay} frames of an episode, which use the
 * default action as the rollback peers do (nobody samples them).
 */
public final class Lockstep {
    private Lockstep() {}

    /**
     * @return one list of records per episode; {@code local.*} columns: predicted/unconfirmed false, times = frame
     */
    public static List<List<FrameRecord>> run(Game game, long seed, int episodes, int inputDelay, int defaultAction,
            ActionSource actions) {
        List<List<FrameRecord>> out = new ArrayList<>();
        for (int e = 0; e < episodes; e++) {
            game.reset(seed, e);
            List<FrameRecord> rows = new ArrayList<>();
            for (int f = 0; !game.episodeOver(); f++) {
                int a0 = f < inputDelay ? defaultAction : actions.action(0, e, f);
                int a1 = f < inputDelay ? defaultAction : actions.action(1, e, f);
                StepResult r = game.step(a0, a1);
                rows.add(new FrameRecord(e, f, a0, a1, r.reward0(), r.reward1(), r.terminal(), r.truncated(),
                        game.stateHash(), false, false, f, f));
            }
            out.add(rows);
        }
        return out;
    }

    /** True when the two exports agree on every row both have (they may differ in length: an unfinished run). */
    public static boolean samePrefix(List<List<FrameRecord>> a, List<List<FrameRecord>> b) {
        for (int e = 0; e < Math.min(a.size(), b.size()); e++) {
            List<FrameRecord> x = a.get(e);
            List<FrameRecord> y = b.get(e);
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!x.get(i).sameSharedColumns(y.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Compares two exports on every non-{@code local.} column.
     *
     * @return null when identical, else a description of the first difference
     */
    public static String firstDifference(List<List<FrameRecord>> a, List<List<FrameRecord>> b) {
        if (a.size() != b.size()) {
            return "episode count " + a.size() + " vs " + b.size();
        }
        for (int e = 0; e < a.size(); e++) {
            List<FrameRecord> x = a.get(e);
            List<FrameRecord> y = b.get(e);
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                if (!x.get(i).sameSharedColumns(y.get(i))) {
                    return "episode " + e + " row " + i + ": " + x.get(i) + " vs " + y.get(i);
                }
            }
            if (x.size() != y.size()) {
                return "episode " + e + " has " + x.size() + " vs " + y.size() + " frames";
            }
        }
        return null;
    }
}
