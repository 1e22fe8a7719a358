package org.rollscope.ui.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.ui.testing.Samples;

class TimelineColumnsTest {

    private static Object cell(List<Object> row, String column) {
        return row.get(TimelineColumns.SAMPLE_COLUMNS.indexOf(column));
    }

    @Test
    void aMugProbeRowNamesItsSourceAndLeavesWhatThePageCouldNotGiveEmpty() {
        List<Object> row = TimelineColumns.sampleRow(Samples.probe("g", "1", 1, 1_000, 120), "relay http://r",
                field -> true);
        assertEquals("mug-probe via relay http://r", cell(row, "source"));
        assertNull(cell(row, "stalls"), "MUG counts no stalls: an empty cell, not 0");
        assertNull(cell(row, "desyncs"));
        assertEquals(120, cell(row, "frame"));
    }

    @Test
    void aRollscopePeerRowNamesTheSourceAlone() {
        List<Object> row = TimelineColumns.sampleRow(Samples.running("g", "0", 1, 1_000, 60), "relay http://r",
                field -> true);
        assertEquals("relay http://r", cell(row, "source"));
        assertEquals(0L, cell(row, "stalls"));
    }
}
