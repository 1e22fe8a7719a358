package org.rollscope.netcode.game.bot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.game.SlimeAction;

class ScriptedBotTest {

    @Test
    void playsTheReferenceCycleHoldByHold() {
        ScriptedBot bot = new ScriptedBot(0);
        assertEquals(SlimeAction.RIGHT.id(), bot.action(0, 0));
        assertEquals(SlimeAction.RIGHT.id(), bot.action(0, 23));
        assertEquals(SlimeAction.RIGHT_JUMP.id(), bot.action(0, 24));
        assertEquals(SlimeAction.LEFT.id(), bot.action(0, 36));
        assertEquals(SlimeAction.LEFT_JUMP.id(), bot.action(0, 60));
        assertEquals(SlimeAction.JUMP.id(), bot.action(0, 72));
        assertEquals(SlimeAction.IDLE.id(), bot.action(0, 89));
        assertEquals(SlimeAction.RIGHT.id(), bot.action(0, 90), "the cycle repeats");
        assertEquals(bot.action(0, 1234), bot.action(5, 1234), "every episode plays the same script");
    }

    @Test
    void playerOneRunsHalfACycleBehind() {
        ScriptedBot p0 = new ScriptedBot(0);
        ScriptedBot p1 = new ScriptedBot(1);
        for (int f = 0; f < 500; f++) {
            assertEquals(p0.action(0, f + 45), p1.action(0, f), "frame " + f);
        }
    }

    @Test
    void customCyclesAreFollowed() {
        ScriptedBot bot = new ScriptedBot(0, List.of(new ScriptedBot.Hold(2, 2), new ScriptedBot.Hold(1, 1)));
        assertArrayEquals(new int[] {2, 2, 1, 2, 2, 1}, RandomBotTest.actions(bot, 0, 6));
        assertEquals(2, bot.maxAction());
    }

    @Test
    void badCyclesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ScriptedBot(0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ScriptedBot.Hold(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> new ScriptedBot.Hold(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScriptedBot(3));
    }
}
