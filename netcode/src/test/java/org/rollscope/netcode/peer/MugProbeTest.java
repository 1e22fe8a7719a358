package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.testing.NetnsJUnit;

/** MUG's probe measurement: over WebRTC in a network namespace ({@link MugProbeDrills}), and its median. */
class MugProbeTest {

    @Test
    void twoProbesMeasureEachOtherOverWebRtcInANetworkNamespace() throws Exception {
        NetnsJUnit.run(MugProbeDrills.class, "twoProbesAnswerEachOthersPingsAndBothMeasureTheirRtt",
                Duration.ofSeconds(120));
    }

    @Test
    void aProbeOnASlowLinkShowsItsLatencyInBothSidesRtt() throws Exception {
        NetnsJUnit.run(MugProbeDrills.class, "aProbeOnASlowLinkShowsItsLatencyInBothSidesRtt", Duration.ofSeconds(120));
    }

    @Test
    void theMedianIsThePagesMedian() {
        assertEquals(3.0, MugProbe.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, MugProbe.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertNull(MugProbe.median(List.of()), "no ping answered: the probe failed");
    }
}
