package org.rollscope.netcode.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.testing.DocumentedEpisodeCsv;
import org.rollscope.netcode.testing.EpisodeCsvFile;

/** The export against README's documented columns, and parity going by column name. */
class EpisodeCsvTest {
    private static final FrameRecord ROW = new FrameRecord(1, 7, 2, 3, 0.0, 1.0, false, true, 0xabcdefL,
            true, false, 1234, 1250);

    @Test
    void headerIsTheOneReadmeDocuments() throws Exception {
        assertEquals(DocumentedEpisodeCsv.header(), EpisodeCsv.HEADER);
        StringWriter out = new StringWriter();
        EpisodeCsv.write(out, List.of(ROW));
        String[] lines = out.toString().split("\n");
        assertEquals(DocumentedEpisodeCsv.header(), lines[0]);
        assertEquals(DocumentedEpisodeCsv.columns().size(), lines[1].split(",", -1).length, lines[1]);
    }

    @Test
    void rowsDifferingInAnyLocalColumnStillMatch() {
        FrameRecord other = new FrameRecord(1, 7, 2, 3, 0.0, 1.0, false, true, 0xabcdefL, false, true, 99, 100);
        assertTrue(ROW.sameSharedColumns(other));
    }

    @Test
    void aDifferenceInEveryDocumentedSharedColumnIsCaught() throws Exception {
        List<FrameRecord> variants = List.of(
                new FrameRecord(2, 7, 2, 3, 0.0, 1.0, false, true, 0xabcdefL, true, false, 1234, 1250),
                new FrameRecord(1, 8, 2, 3, 0.0, 1.0, false, true, 0xabcdefL, true, false, 1234, 1250),
                new FrameRecord(1, 7, 4, 3, 0.0, 1.0, false, true, 0xabcdefL, true, false, 1234, 1250),
                new FrameRecord(1, 7, 2, 4, 0.0, 1.0, false, true, 0xabcdefL, true, false, 1234, 1250),
                new FrameRecord(1, 7, 2, 3, 0.5, 1.0, false, true, 0xabcdefL, true, false, 1234, 1250),
                new FrameRecord(1, 7, 2, 3, 0.0, 0.5, false, true, 0xabcdefL, true, false, 1234, 1250),
                new FrameRecord(1, 7, 2, 3, 0.0, 1.0, true, true, 0xabcdefL, true, false, 1234, 1250),
                new FrameRecord(1, 7, 2, 3, 0.0, 1.0, false, false, 0xabcdefL, true, false, 1234, 1250),
                new FrameRecord(1, 7, 2, 3, 0.0, 1.0, false, true, 0xabcdeeL, true, false, 1234, 1250));
        List<String> shared = DocumentedEpisodeCsv.columns().stream().filter(c -> !c.startsWith("local.")).toList();
        assertEquals(shared.size(), variants.size(), "one variant per documented shared column: " + shared);
        for (FrameRecord v : variants) {
            assertFalse(ROW.sameSharedColumns(v), "missed a difference: " + v);
        }
    }

    @Test
    void fileParityComparesEverySharedColumnWhereverItIs(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("a.csv"), "frame,local.t_ms,state_hash,extra\n0,5,00aa,x\n");
        Path b = Files.writeString(dir.resolve("b.csv"), "frame,local.t_ms,state_hash,extra\n0,9,00aa,x\n");
        Path c = Files.writeString(dir.resolve("c.csv"), "frame,local.t_ms,state_hash,extra\n0,5,00aa,y\n");
        assertEquals(List.of("frame", "state_hash", "extra"), EpisodeCsvFile.read(a).sharedColumns());
        assertEquals(EpisodeCsvFile.read(a).sharedRows(), EpisodeCsvFile.read(b).sharedRows(), "local.* may differ");
        assertNotEquals(EpisodeCsvFile.read(a).sharedRows(), EpisodeCsvFile.read(c).sharedRows(),
                "a shared column added last is compared");
    }
}
