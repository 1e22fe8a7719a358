package org.rollscope.netcode.game.bot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RandomBotTest {

    private static final int FRAMES = 5_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 42, -3, Long.MAX_VALUE})
    void sameArgumentsGiveTheSameActions(long seed) {
        assertArrayEquals(actions(new RandomBot(seed, 0, 6), 2, FRAMES), actions(new RandomBot(seed, 0, 6), 2, FRAMES),
                "seed " + seed);
    }

    @Test
    void randomAccessEqualsSequentialPlay() {
        RandomBot sequential = new RandomBot(7, 1, 6);
        int[] inOrder = actions(sequential, 4, FRAMES);
        List<Integer> frames = new ArrayList<>();
        for (int f = 0; f < FRAMES; f++) {
            frames.add(f);
        }
        Collections.shuffle(frames, new Random(7));
        RandomBot shuffled = new RandomBot(7, 1, 6);
        shuffled.action(9, 123);                     // unrelated calls first must not matter
        for (int f : frames) {
            assertEquals(inOrder[f], shuffled.action(4, f), "frame " + f);
        }
    }

    @Test
    void seedsPlayersAndEpisodesEachChangeThePlay() {
        int[] base = actions(new RandomBot(1, 0, 6), 0, FRAMES);
        assertTrue(differingFrames(base, actions(new RandomBot(2, 0, 6), 0, FRAMES)) > FRAMES / 2, "other seed");
        assertTrue(differingFrames(base, actions(new RandomBot(1, 1, 6), 0, FRAMES)) > FRAMES / 2, "other player");
        assertTrue(differingFrames(base, actions(new RandomBot(1, 0, 6), 1, FRAMES)) > FRAMES / 2, "other episode");
    }

    @Test
    void holdsEachActionForThreeToTwentyFramesAndUsesEveryAction() {
        int[] a = actions(new RandomBot(5, 0, 6), 0, FRAMES);
        int[] counts = new int[6];
        // A hold can be longer than 20 frames only when two adjacent holds draw the same action, so check the
        // cut points instead: every change of action happens after at least MIN_HOLD_FRAMES frames.
        int runStart = 0;
        for (int f = 0; f < FRAMES; f++) {
            counts[a[f]]++;
            if (f > 0 && a[f] != a[f - 1]) {
                assertTrue(f - runStart >= RandomBot.MIN_HOLD_FRAMES, "hold of " + (f - runStart) + " at frame " + runStart);
                runStart = f;
            }
        }
        for (int action = 0; action < 6; action++) {
            assertTrue(counts[action] > FRAMES / 12, "action " + action + " held " + counts[action] + " frames");
        }
        int changes = 0;
        for (int f = 1; f < FRAMES; f++) {
            changes += a[f] != a[f - 1] ? 1 : 0;
        }
        double meanHold = (double) FRAMES / (changes + 1);
        assertTrue(meanHold > 8 && meanHold < 20, "mean hold " + meanHold + " frames");
    }

    @Test
    void respectsTheActionCount() {
        for (int f = 0; f < 1000; f++) {
            int action = new RandomBot(3, 0, 2).action(0, f);
            assertTrue(action == 0 || action == 1, "action " + action);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RandomBot(0, 2, 6));
        assertThrows(IllegalArgumentException.class, () -> new RandomBot(0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomBot(0, 0, 6).action(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomBot(0, 0, 6).action(0, -1));
    }

    static int[] actions(Bot bot, int episode, int frames) {
        int[] a = new int[frames];
        for (int f = 0; f < frames; f++) {
            a[f] = bot.action(episode, f);
        }
        return a;
    }

    private static int differingFrames(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }
}
