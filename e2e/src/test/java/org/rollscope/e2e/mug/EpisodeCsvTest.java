package org.rollscope.e2e.mug;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MUG's stored episodes as pandas writes them: quoted cells, padding rows, ints written as floats. */
class EpisodeCsvTest {

    private static final String HEADER = "actions.0,actions.1,episode_num,t,timestamp,rollbackEvents\n";

    @TempDir
    Path dir;

    private EpisodeCsv write(String name, String body) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, HEADER + body);
        return EpisodeCsv.read(file);
    }

    @Test
    void quotedCellsKeepTheirCommasAndQuotes() throws Exception {
        EpisodeCsv e = write("a.csv", "4,3,0,0,17.0,\"{'frame': 4, 'x': \"\"y\"\"}\"\n");
        assertEquals("{'frame': 4, 'x': \"y\"}", e.rows().get(0).get("rollbackEvents"));
    }

    @Test
    void paddingRowsAreNotFrames() throws Exception {
        EpisodeCsv e = write("a.csv", "4.0,3.0,0.0,0.0,17.0,ev1\n4.0,2.0,0.0,1.0,18.0,ev2\n,,,,,ev3\n");
        assertEquals(3, e.rows().size());
        assertEquals(List.of("0.0", "1.0"), e.column("t"));
    }

    @Test
    void pagesThatDifferOnlyInClientLocalColumnsAndPaddingAreTheSame() throws Exception {
        EpisodeCsv a = write("a.csv", "4.0,3.0,0.0,0.0,17.0,ev1\n4.0,2.0,0.0,1.0,18.0,ev2\n,,,,,ev3\n");
        EpisodeCsv b = write("b.csv", "4,3,0,0,99.0,\n4,2,0,1,98.0,\n");
        assertEquals(List.of(), a.differencesFrom(b, 10));
    }

    @Test
    void aDifferentActionIsReportedWithItsRowAndColumn() throws Exception {
        EpisodeCsv a = write("a.csv", "4,3,0,0,17.0,\n4,2,0,1,18.0,\n");
        EpisodeCsv b = write("b.csv", "4,3,0,0,17.0,\n4,1,0,1,18.0,\n");
        assertEquals(List.of("row 1 actions.1: 2 vs 1"), a.differencesFrom(b, 10));
    }

    @Test
    void leavingOutTheLastFramesComparesEveryEarlierOne() throws Exception {
        EpisodeCsv a = write("a.csv", "4,3,0,0,17.0,\n4,2,0,1,18.0,\n4,2,0,2,19.0,\n");
        EpisodeCsv b = write("b.csv", "4,1,0,0,17.0,\n4,2,0,1,18.0,\n4,0,0,2,19.0,\n");
        assertEquals(List.of("row 0 actions.1: 3 vs 1"), a.differencesFrom(b, 10, 1), "the last frame is left out");
        assertEquals(List.of("row 0 actions.1: 3 vs 1", "row 2 actions.1: 2 vs 0"), a.differencesFrom(b, 10, 0));
    }

    @Test
    void aMissingFrameIsReported() throws Exception {
        EpisodeCsv a = write("a.csv", "4,3,0,0,17.0,\n4,2,0,1,18.0,\n");
        EpisodeCsv b = write("b.csv", "4,3,0,0,17.0,\n");
        assertTrue(a.differencesFrom(b, 10).contains("frame counts differ: 2 vs 1"));
    }

    @Test
    void framesPerSecondComesFromThePagesTimestamps() throws Exception {
        EpisodeCsv e = write("a.csv", "4,3,0,0,1000.0,\n4,2,0,1,1050.0,\n4,2,0,2,1100.0,\n");
        assertEquals(20.0, e.framesPerSecond(), 1e-9);
    }

    @Test
    void integersReadAsPandasWritesThem() {
        assertEquals(7, EpisodeCsv.integer("7").getAsLong());
        assertEquals(7, EpisodeCsv.integer("7.0").getAsLong());
        assertFalse(EpisodeCsv.integer("").isPresent());
    }
}
