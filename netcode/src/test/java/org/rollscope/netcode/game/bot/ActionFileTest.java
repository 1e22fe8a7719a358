package org.rollscope.netcode.game.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActionFileTest {

    @TempDir
    Path dir;

    @Test
    void recordingThenReplayingGivesBackEveryAction() throws IOException {
        Bot original = new RandomBot(77, 1, 6);
        Path file = dir.resolve("p1.actions");
        try (ActionFileWriter writer = ActionFileWriter.create(file)) {
            for (int episode = 0; episode < 3; episode++) {
                for (int f = 0; f < 2_000; f++) {
                    writer.record(episode, f, original.action(episode, f));
                }
            }
        }
        ReplayBot replay = new ReplayBot(ActionFile.read(file), file.toString());
        for (int episode = 0; episode < 3; episode++) {
            for (int f = 0; f < 2_000; f++) {
                assertEquals(original.action(episode, f), replay.action(episode, f), "episode " + episode + " frame " + f);
            }
        }
        assertEquals(0, replay.action(0, 2_000), "frames after the recording are idle");
        assertEquals(0, replay.action(3, 0), "episodes absent from the file are idle");
        long lines = Files.readAllLines(file).size();
        assertTrue(lines < 6_000 / 5, "run-length lines: " + lines + " for 6,000 frames");
    }

    @Test
    void writerEmitsTheDocumentedRunLengthLines() throws IOException {
        StringWriter text = new StringWriter();
        try (ActionFileWriter writer = new ActionFileWriter(text)) {
            writer.record(0, 0, 3);
            writer.record(0, 1, 3);
            writer.record(0, 2, 3);
            writer.record(0, 3, 1);
            writer.record(0, 7, 1);              // gap: frames 4..6 are not recorded
            writer.record(1, 0, 1);
        }
        assertEquals(ActionFile.HEADER + "\n# episode,frame,action[,count]\n0,0,3,3\n0,3,1\n0,7,1\n1,0,1\n",
                text.toString());
        ActionFile file = ActionFile.parse(new StringReader(text.toString()), "text");
        assertEquals(6, file.framesCovered());
        assertEquals(2, file.episodeCount());
        assertEquals(0, file.action(0, 5), "the gap reads back as idle");
        assertEquals(1, file.action(0, 7));
    }

    @Test
    void writerRejectsFramesOutOfOrderAndUseAfterClose() throws IOException {
        ActionFileWriter writer = new ActionFileWriter(new StringWriter());
        writer.record(0, 5, 1);
        assertThrows(IllegalArgumentException.class, () -> writer.record(0, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> writer.record(0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> writer.record(0, 6, 256));
        writer.close();
        assertThrows(IllegalStateException.class, () -> writer.record(0, 9, 1));
    }

    @Test
    void commentsBlankLinesSpacesAndAnyLineOrderAreAccepted() throws IOException {
        String text = ActionFile.HEADER + "\n\n# a comment\n 0 , 10 , 2 , 5 \n0,0,4,2\n\n";
        ActionFile file = ActionFile.parse(new StringReader(text), "t");
        assertEquals(4, file.action(0, 1));
        assertEquals(0, file.action(0, 2));
        assertEquals(2, file.action(0, 14));
        assertEquals(0, file.action(0, 15));
        assertEquals(4, file.maxAction());
        assertEquals(5, file.maxActionLine());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
        "0,0,1\\n0,1,x       | 3 | action 'x' is not a decimal integer",
        "0,0,1\\n0,1         | 3 | expected episode,frame,action[,count]",
        "0,0,1,2,3           | 2 | expected episode,frame,action[,count]",
        "-1,0,1              | 2 | episode -1 outside",
        "0,0,256             | 2 | action 256 outside [0, 255]",
        "0,0,1,0             | 2 | count 0 outside",
        "0,99999999999,1     | 2 | frame 99999999999 outside",
        "0,0,1,10\\n0,5,2    | 3 | episode 0 frame 5 overlaps the frames given on line 2",
        "0,5,2\\n#c\\n0,0,1,6 | 4 | overlaps the frames given on line 2",
    })
    void malformedLinesAreReportedWithTheirLineNumber(String body, int line, String reason) {
        String text = ActionFile.HEADER + "\n" + body.strip().replace("\\n", "\n") + "\n";
        MalformedActionFileException e = assertThrows(MalformedActionFileException.class,
                () -> ActionFile.parse(new StringReader(text), "game.actions"));
        assertEquals(line, e.lineNumber(), e.getMessage());
        assertTrue(e.getMessage().startsWith("game.actions:" + line + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void aMissingHeaderIsReportedOnLineOne() {
        MalformedActionFileException e = assertThrows(MalformedActionFileException.class,
                () -> ActionFile.parse(new StringReader("0,0,1\n"), "f"));
        assertEquals(1, e.lineNumber());
        assertTrue(e.getMessage().contains(ActionFile.HEADER), e.getMessage());
        MalformedActionFileException empty = assertThrows(MalformedActionFileException.class,
                () -> ActionFile.parse(new StringReader(""), "f"));
        assertTrue(empty.getMessage().contains("empty file"), empty.getMessage());
    }
}
