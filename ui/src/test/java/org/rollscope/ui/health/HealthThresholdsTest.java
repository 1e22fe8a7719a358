package org.rollscope.ui.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.testing.Samples;

class HealthThresholdsTest {

    @ParameterizedTest(name = "rtt {0} ms is {1}")
    @CsvSource({"0, HEALTHY", "150, HEALTHY", "150.1, DEGRADED", "300, DEGRADED", "300.1, CRITICAL", "5000, CRITICAL"})
    void rttGradesAt150And300Ms(double rtt, HealthGrade expected) {
        assertEquals(expected, HealthThresholds.rttMs(rtt));
    }

    @ParameterizedTest(name = "gap rate {0} is {1}")
    @CsvSource({"0, HEALTHY", "0.05, HEALTHY", "0.051, DEGRADED", "0.2, DEGRADED", "0.21, CRITICAL"})
    void gapRateGradesAt5And20Percent(double gap, HealthGrade expected) {
        assertEquals(expected, HealthThresholds.gapRate(gap));
    }

    @ParameterizedTest(name = "buffer {0} bytes is {1}")
    @CsvSource({"0, HEALTHY", "16384, HEALTHY", "16385, DEGRADED", "32768, DEGRADED", "32769, CRITICAL"})
    void sendBufferGradesAt16And32Kilobytes(long bytes, HealthGrade expected) {
        assertEquals(expected, HealthThresholds.bufferedAmount(bytes));
    }

    @Test
    void unknownFiguresAreUnknownNotHealthy() {
        assertEquals(HealthGrade.UNKNOWN, HealthThresholds.rttMs(null));
        assertEquals(HealthGrade.UNKNOWN, HealthThresholds.gapRate(null));
        assertEquals(HealthGrade.UNKNOWN, HealthThresholds.bufferedAmount(null));
    }

    @Test
    void anyDesyncMakesThePeerCriticalWhateverTheLink() {
        PeerSample s = Samples.health("g", "p1", 1, 20.0, 0.0, 0L, 1);
        assertEquals(HealthGrade.CRITICAL, HealthThresholds.peer(s, f -> true));
    }

    @Test
    void peerIsTheWorstOfItsFigures() {
        assertEquals(HealthGrade.HEALTHY, HealthThresholds.peer(Samples.health("g", "p", 1, 40.0, 0.01, 100L, 0), f -> true));
        assertEquals(HealthGrade.DEGRADED, HealthThresholds.peer(Samples.health("g", "p", 1, 40.0, 0.08, 100L, 0), f -> true));
        assertEquals(HealthGrade.CRITICAL, HealthThresholds.peer(Samples.health("g", "p", 1, 40.0, 0.01, 40_000L, 0), f -> true));
    }

    @Test
    void figuresTheSourceDoesNotReportDoNotCount() {
        // A MUG server reports latency only: a huge gap rate in the (meaningless) field must not grade the peer.
        PeerSample s = Samples.health("g", "p", 1, 40.0, 0.9, 90_000L, 3);
        assertEquals(HealthGrade.HEALTHY, HealthThresholds.peer(s, f -> f.equals("rtt_ms")));
        assertEquals(HealthGrade.UNKNOWN, HealthThresholds.peer(s, f -> false));
    }

    @Test
    void worstPrefersAnyKnownGradeOverUnknown() {
        assertEquals(HealthGrade.HEALTHY, HealthGrade.UNKNOWN.worst(HealthGrade.HEALTHY));
        assertEquals(HealthGrade.CRITICAL, HealthGrade.CRITICAL.worst(HealthGrade.DEGRADED));
    }
}
