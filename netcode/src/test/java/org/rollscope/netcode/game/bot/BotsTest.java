package org.rollscope.netcode.game.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BotsTest {

    @TempDir
    Path dir;

    @Test
    void namesBuildTheirBots() throws IOException {
        Bot random = Bots.parse("random", 9, 1);
        assertInstanceOf(RandomBot.class, random);
        assertEquals(new RandomBot(9, 1, 6).action(2, 300), random.action(2, 300));
        assertInstanceOf(ScriptedBot.class, Bots.parse("scripted", 9, 0));
        assertSame(IdleBot.INSTANCE, Bots.parse("idle", 9, 0));
        for (int f = 0; f < 100; f++) {
            assertEquals(0, IdleBot.INSTANCE.action(1, f));
        }
        Path file = dir.resolve("rec.actions");
        Files.writeString(file, ActionFile.HEADER + "\n0,3,5,2\n");
        Bot replay = Bots.parse("replay:" + file, 9, 0);
        assertEquals(5, replay.action(0, 4));
        assertEquals(0, replay.action(0, 5));
        assertEquals("replay:" + file, replay.toString());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "Random", "rand", "replay:", "greedy", " idle"})
    void unknownNamesListTheKnownOnes(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bots.parse(spec, 0, 0));
        assertTrue(e.getMessage().contains("unknown bot '" + spec + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(Bots.SPECS), e.getMessage());
    }

    @Test
    void aMissingReplayFileIsAClearError() {
        Path missing = dir.resolve("nope.actions");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bots.parse("replay:" + missing, 0, 0));
        assertTrue(e.getMessage().contains("cannot read replay file " + missing), e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void aMalformedReplayFileNamesTheLine() throws IOException {
        Path file = dir.resolve("bad.actions");
        Files.writeString(file, ActionFile.HEADER + "\n0,0,1\n0,1,one\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bots.parse("replay:" + file, 0, 0));
        assertTrue(e.getMessage().contains(file + ":3: action 'one'"), e.getMessage());
        assertEquals(3, ((MalformedActionFileException) e.getCause()).lineNumber());
    }

    @Test
    void actionsTheGameDoesNotHaveAreRejected() throws IOException {
        Path file = dir.resolve("wide.actions");
        Files.writeString(file, ActionFile.HEADER + "\n0,0,1\n0,1,7\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bots.parse("replay:" + file, 0, 0));
        assertTrue(e.getMessage().contains(file + ":3 holds action 7"), e.getMessage());
        assertEquals(7, Bots.parse("replay:" + file, 0, 0, 8).action(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Bots.parse("scripted", 0, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Bots.parse("random", 0, 2));
        assertThrows(IllegalArgumentException.class, () -> Bots.parse(null, 0, 0));
    }
}
