package org.rollscope.netcode.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;

/** Timeline rows of MUG probe samples: their source named, the fields the page could not give left empty. */
class ProbeTimelineColumnsTest {

    private static PeerSample running(String game, String player) {
        return new PeerSample(game, player, 1, 1_000, PeerSample.STATE_RUNNING, 0, 120, 117, 115, 118, 0.5, 10, 30,
                2, 4, 3, 0, 40.0, 60.0, 0.01, 500L, PeerSample.TRANSPORT_P2P, "ok", 100, 0, 100, 0, 0, null, 60.0,
                2.0, LinkProfile.PERFECT);
    }

    private static Object cell(List<Object> row, String column) {
        return row.get(TimelineColumns.SAMPLE_COLUMNS.indexOf(column));
    }

    @Test
    void aMugProbeRowNamesItsSourceAndLeavesWhatThePageCouldNotGiveEmpty() {
        List<Object> row = TimelineColumns.sampleRow(running("g", "1").withSource(PeerSample.SOURCE_MUG_PROBE, "s-1",
                List.of("stalls", "desyncs"), List.of("restore_p2p")), "relay http://r",
                field -> true);
        assertEquals("mug-probe via relay http://r", cell(row, "source"));
        assertNull(cell(row, "stalls"), "MUG counts no stalls: an empty cell, not 0");
        assertNull(cell(row, "desyncs"));
        assertEquals(120, cell(row, "frame"));
    }

    @Test
    void aRollscopePeerRowNamesTheSourceAlone() {
        List<Object> row = TimelineColumns.sampleRow(running("g", "0"), "relay http://r",
                field -> true);
        assertEquals("relay http://r", cell(row, "source"));
        assertEquals(0L, cell(row, "stalls"));
    }
}
