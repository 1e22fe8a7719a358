package org.rollscope.ui.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.fx.Formats;
import org.rollscope.ui.health.HealthGrade;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.Samples;

class PeerCardViewModelTest {

    @Test
    void everyFigureIsUnknownBeforeTheFirstSample() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            for (Metric m : Metric.values()) {
                assertEquals(Formats.UNKNOWN, vm.text(m), m.name());
            }
            assertFalse(vm.reportedProperty().get());
            assertEquals(HealthGrade.UNKNOWN, vm.health());
        });
    }

    @Test
    void unknownRttIsShownAsUnknownAndZeroRttAsZero() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            vm.apply(Samples.health("g", "p1", 1, null, 0.0, 0L, 0));
            assertEquals(Formats.UNKNOWN, vm.text(Metric.RTT_MS));
            assertEquals(HealthGrade.UNKNOWN, vm.grade(Metric.RTT_MS));
            assertEquals("0.0 %", vm.text(Metric.GAP_RATE));
            assertEquals("0 B", vm.text(Metric.BUFFERED_AMOUNT));
            vm.apply(Samples.health("g", "p1", 2, 0.0, null, null, 0));
            assertEquals("0.0 ms", vm.text(Metric.RTT_MS));
            assertEquals(Formats.UNKNOWN, vm.text(Metric.GAP_RATE));
            assertEquals(Formats.UNKNOWN, vm.text(Metric.BUFFERED_AMOUNT));
        });
    }

    @Test
    void fieldsTheSourceDoesNotReportStayUnknownEvenWhenTheSampleHoldsZero() {
        Fx.run(() -> {
            // What a MUG admin source can fill in: transport, latency, state, episode. Frames etc. are not known.
            Set<String> mug = Set.of("transport", "rtt_ms", "state", "episode");
            PeerCardViewModel vm = new PeerCardViewModel("g", "0", mug::contains);
            vm.apply(Samples.running("g", "0", 1, 1_000, 0));
            assertEquals(Formats.UNKNOWN, vm.text(Metric.FRAME));
            assertEquals(Formats.UNKNOWN, vm.text(Metric.ROLLBACKS));
            assertEquals(Formats.UNKNOWN, vm.text(Metric.GAP_RATE));
            assertEquals(Formats.UNKNOWN, vm.text(Metric.BUFFERED_AMOUNT));
            assertEquals("40 ms", vm.text(Metric.RTT_MS));
            assertEquals("p2p", vm.text(Metric.TRANSPORT));
            assertEquals(HealthGrade.HEALTHY, vm.health());
        });
    }

    @Test
    void fieldsAMugPageCouldNotGiveStayUnknownWhileTheRestShows() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "1", f -> true); // a relay: every field, in principle
            vm.apply(Samples.probe("g", "1", 1, 1_000, 120));
            assertEquals(Formats.UNKNOWN, vm.text(Metric.STALLS), "MUG counts no stalls: not 0");
            assertEquals(Formats.UNKNOWN, vm.text(Metric.DESYNCS));
            assertEquals(Metric.FRAME.format(120), vm.text(Metric.FRAME));
            assertEquals("40 ms", vm.text(Metric.RTT_MS));
        });
    }

    @Test
    void thresholdsColourTheFigures() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            vm.apply(Samples.health("g", "p1", 1, 200.0, 0.25, 20_000L, 0));
            assertEquals(HealthGrade.DEGRADED, vm.grade(Metric.RTT_MS));
            assertEquals(HealthGrade.CRITICAL, vm.grade(Metric.GAP_RATE));
            assertEquals(HealthGrade.DEGRADED, vm.grade(Metric.BUFFERED_AMOUNT));
            assertEquals(HealthGrade.CRITICAL, vm.health());
            assertEquals("200 ms", vm.text(Metric.RTT_MS));
            assertEquals("25.0 %", vm.text(Metric.GAP_RATE));
            assertEquals("19.5 KB", vm.text(Metric.BUFFERED_AMOUNT));
        });
    }

    @Test
    void transportShowsItsReason() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            PeerSample s = Samples.running("g", "p1", 1, 1_000, 60);
            vm.apply(s);
            assertEquals("p2p · ok", vm.transportTextProperty().get());
            vm.apply(Samples.withTransport(s, 2, 1_100, PeerSample.TRANSPORT_RELAY, "forced"));
            assertEquals("relay", vm.transportProperty().get());
            assertEquals("relay · forced", vm.transportTextProperty().get());
        });
    }

    @Test
    void olderSamplesAreIgnoredAndSeqGapsCountedAsMissed() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            vm.apply(Samples.running("g", "p1", 5, 1_500, 300));
            vm.apply(Samples.running("g", "p1", 4, 1_400, 294));
            assertEquals("300", vm.text(Metric.FRAME));
            vm.apply(Samples.running("g", "p1", 9, 1_900, 324));
            assertEquals(3, vm.missedSamplesProperty().get());
            assertTrue(vm.reportedProperty().get());
        });
    }

    @Test
    void negativeConfirmedFrameReadsAsNoneYet() {
        Fx.run(() -> {
            PeerCardViewModel vm = new PeerCardViewModel("g", "p1", f -> true);
            vm.apply(Samples.running("g", "p1", 1, 1_000, 2)); // confirmed = frame - 3 = -1
            assertEquals("none", vm.text(Metric.CONFIRMED_FRAME));
        });
    }
}
