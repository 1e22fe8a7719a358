package org.rollscope.e2e.mug;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real Chromium pages play a whole game of our experiment on the pinned, unmodified MUG server: both reach
 * the end scene and MUG stores the same episodes for both (MUG's own parity rule: every column but the
 * client-local ones), with both players' key presses in them.
 */
class RealMugGameTest {

    /** Generous bounds against a hang, not timings: loading Pyodide in two pages at once can take a minute. */
    private static final Duration STEP = Duration.ofMinutes(3);
    private static final Duration GAME = Duration.ofMinutes(6);

    @Test
    void twoPagesPlayAWholeGameAndStoreIdenticalEpisodes() throws Exception {
        E2eSetup setup = E2eSetup.fromEnvironment().requireReady();
        ExperimentOptions options = ExperimentOptions.defaults();
        try (MugServer server = MugServer.start(setup, "real-mug-game", options);
             ParticipantPage a = ExperimentFlow.openAndJoin(setup, server, "subject-a", STEP);
             ParticipantPage b = ExperimentFlow.openAndJoin(setup, server, "subject-b", STEP)) {
            ExperimentFlow.awaitPlaying(a, STEP);
            ExperimentFlow.awaitPlaying(b, STEP);
            Instant playing = Instant.now();
            a.startRandomKeys(1, 150);
            b.startRandomKeys(2, 170);
            Map<String, Object> midGame = a.gameFields();
            assertEquals(Boolean.TRUE, midGame.get("p2pConnected"), "page A plays over MUG's WebRTC channel: " + midGame);
            assertEquals("direct", ((Map<?, ?>) midGame.get("connectionType")).get("connectionType"),
                    "a direct (host-candidate) path inside the namespace: " + midGame);

            ExperimentFlow.awaitEnd(a, GAME);
            ExperimentFlow.awaitEnd(b, GAME);
            Duration played = Duration.between(playing, Instant.now());

            Map<String, List<EpisodeCsv>> data = PageParity.assertIdentical(server, a, b, options.episodes(), STEP);
            for (int e = 0; e < options.episodes(); e++) {
                EpisodeCsv first = data.get(a.subjectId()).get(e);
                assertFramesFromZero(first, options.maxSteps());
                assertTrue(movedBothPlayers(first), "episode " + e + " records key presses of both players: " + first.file());
            }
            List<EpisodeCsv> episodesOfA = data.get(a.subjectId());
            System.out.printf("RealMugGame: %d episodes x %d steps at %d fps: %.1f s from both playing to both at the end;"
                            + " page A reached %s fps (frames %s); mid-game page A: %s%n",
                    options.episodes(), options.maxSteps(), options.fps(), played.toMillis() / 1000.0,
                    episodesOfA.stream().map(e -> String.format("%.1f", e.framesPerSecond())).toList(),
                    episodesOfA.stream().map(e -> e.frameRows().size()).toList(), midGame);
            assertEquals(List.of(), nonFontRefusals(a), "page A asked for CDN files that are not mirrored");
        }
    }

    /**
     * Frames 0, 1, 2... with none missing, and at least max_steps of them: MUG ends an episode once its step count
     * reaches max_steps and both pages agree on the frame, which can be some frames later (150 steps gave 170-180).
     */
    private static void assertFramesFromZero(EpisodeCsv episode, int maxSteps) {
        List<String> t = episode.column("t");
        for (int i = 0; i < t.size(); i++) assertEquals(i, EpisodeCsv.integer(t.get(i)).orElse(-1), "frame numbers of " + episode.file());
        assertTrue(t.size() >= maxSteps, episode.file() + " has " + t.size() + " frames, fewer than max_steps " + maxSteps);
    }

    /** Both players' action columns hold some move (0-3), not only the no-op (4). */
    private static boolean movedBothPlayers(EpisodeCsv episode) {
        for (String column : List.of("actions.0", "actions.1")) {
            Set<Long> actions = episode.column(column).stream().map(v -> EpisodeCsv.integer(v).orElse(-1))
                    .collect(Collectors.toSet());
            if (actions.stream().noneMatch(a -> a >= 0 && a <= 3)) return false;
        }
        return true;
    }

    /** Google Fonts is the one CDN request MUG's page makes that nothing needs offline. */
    private static List<String> nonFontRefusals(ParticipantPage page) {
        return page.refusedUrls().stream().filter(u -> !u.startsWith("https://fonts.")).toList();
    }
}
