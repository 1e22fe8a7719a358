package org.rollscope.e2e.mug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The research-data check of two real MUG pages: both stored the same episodes. One exception is MUG's own: when a
 * page logs MUG's "[Input Confirmation] Timeout ... (data may diverge)" at an episode end, MUG exports the frames it
 * holds no partner input for with its own predictions (pyodide_multiplayer_game.js ~2861), with or without anything of
 * Rollscope in the page. Those trailing rows are reported, not compared; every row before them must match.
 */
public final class PageParity {
    /**
     * Trailing rows MUG may export unconfirmed after its timeout: the input delay plus the frames the page ran ahead of
     * its partner's last input. Seen: 3 rows (quiet machine) and 4 (load ~10); 10 leaves room without hiding a real
     * divergence earlier in the episode.
     */
    public static final int ROWS_MUG_MAY_EXPORT_UNCONFIRMED = 10;

    private PageParity() {}

    /**
     * Waits for both pages' episodes and asserts they are identical (but for MUG's own flagged trailing rows).
     *
     * @return the episodes by subject id, for further checks
     */
    public static Map<String, List<EpisodeCsv>> assertIdentical(MugServer server, ParticipantPage a,
                                                              ParticipantPage b, int episodes, Duration within)
            throws Exception {
        Map<String, List<EpisodeCsv>> data = server.awaitEpisodes(List.of(a.subjectId(), b.subjectId()), within);
        List<String> warnings = new ArrayList<>(a.mugDivergenceWarnings());
        warnings.addAll(b.mugDivergenceWarnings());
        boolean mugGaveUpWaiting = warnings.stream().anyMatch(w -> w.contains("[Input Confirmation] Timeout"));
        for (int e = 0; e < episodes; e++) {
            int episode = e;
            EpisodeCsv ofA = data.get(a.subjectId()).get(e);
            EpisodeCsv ofB = data.get(b.subjectId()).get(e);
            List<String> all = ofA.differencesFrom(ofB, 20);
            List<String> compared = mugGaveUpWaiting
                    ? ofA.differencesFrom(ofB, 20, ROWS_MUG_MAY_EXPORT_UNCONFIRMED) : all;
            assertEquals(List.of(), compared, () -> "episode " + episode + " differs between the pages; MUG's own"
                    + " warnings: A " + a.mugDivergenceWarnings() + " B " + b.mugDivergenceWarnings());
            if (!all.isEmpty()) {
                System.out.printf("MUG's own episode-end export diverged in episode %d's last %d rows after its "
                        + "input-confirmation timeout: %s%n", episode, ROWS_MUG_MAY_EXPORT_UNCONFIRMED, all);
            }
        }
        return data;
    }
}
