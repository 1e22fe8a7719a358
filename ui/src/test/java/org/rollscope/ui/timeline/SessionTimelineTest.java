package org.rollscope.ui.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fair_acc.dataset.DataSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.Samples;

class SessionTimelineTest {

    @Test
    void transportBandsFollowTheWorstSeatAndExtendWhileTheModeLasts() {
        Fx.run(() -> {
            SessionTimeline t = new SessionTimeline("g");
            PeerSample a = Samples.running("g", "p1", 1, 1_000, 60);
            PeerSample b = Samples.running("g", "p2", 1, 1_000, 60);
            t.append(0, a, 0);
            t.append(1, b, 0);
            t.append(0, Samples.withTransport(a, 2, 2_000, PeerSample.TRANSPORT_RELAY, "forced"), 0);
            t.append(1, Samples.withTransport(b, 2, 3_000, PeerSample.TRANSPORT_P2P, "ok"), 0);
            t.append(0, Samples.withTransport(a, 3, 4_000, PeerSample.TRANSPORT_P2P, "ok"), 0);
            assertEquals(List.of("p2p", "relay", "p2p"), t.bands().stream().map(TransportBand::mode).toList());
            assertEquals(1.0, t.bands().get(0).startSec());
            assertEquals(2.0, t.bands().get(0).endSec());
            assertEquals(2.0, t.bands().get(1).startSec());
            assertEquals(4.0, t.bands().get(1).endSec(), "the relay band ends where P2P came back");
        });
    }

    @Test
    void aChartOfAFieldTheSourceDoesNotReportDrawsNothingNeverALineAtZero() {
        Fx.run(() -> {
            // A MUG server's reports: transport, RTT and episode only.
            java.util.Set<String> mug = java.util.Set.of("transport", "transport_reason", "rtt_ms", "episode");
            SessionTimeline t = new SessionTimeline("g", mug::contains, id -> "seat 0");
            PeerSample a = Samples.running("g", "p1", 1, 1_000, 60);
            for (int i = 0; i < 20; i++) {
                t.append(0, Samples.withTransport(a, i, 1_000 + i * 100L, "p2p", "ok"), 0);
            }
            for (TimelineMetric m : List.of(TimelineMetric.ROLLBACK_RATE, TimelineMetric.ROLLBACK_DEPTH,
                    TimelineMetric.FRAME_LAG, TimelineMetric.GAP_RATE, TimelineMetric.BUFFERED)) {
                MetricSeries s = t.series(m, 0);
                for (int i = 0; i < s.live().getDataCount(); i++) {
                    assertTrue(Double.isNaN(s.live().get(DataSet.DIM_Y, i)), m + " has a point: " + i);
                }
            }
            MetricSeries rtt = t.series(TimelineMetric.RTT, 0);
            assertTrue(rtt.live().getDataCount() > 0 && !Double.isNaN(rtt.live().get(DataSet.DIM_Y, 0)),
                    "RTT is reported and drawn");
        });
    }

    @Test
    void markersNameTheSeatAsTheCardsDo() {
        Fx.run(() -> {
            SessionTimeline t = new SessionTimeline("g", f -> true, id -> "seat 1 · " + id);
            t.mark(new SessionEventRecord("g", "abc", 1_000, SessionEventRecord.FALLBACK, ""));
            assertEquals("fallback · seat 1 · abc", t.markers().get(0).label());
        });
    }

    @Test
    void readOnlyListsAreTheSameObjectEachTimeSoListenersStayAttached() {
        // JavaFX's unmodifiable wrapper listens to its list weakly: a new wrapper per call, with a listener added to
        // it, can be collected and the listener silently lost (seen as a flaky chart that missed a marker).
        Fx.run(() -> {
            SessionTimeline t = new SessionTimeline("g");
            org.junit.jupiter.api.Assertions.assertSame(t.bands(), t.bands());
            org.junit.jupiter.api.Assertions.assertSame(t.markers(), t.markers());
            int[] seen = {0};
            t.markers().addListener((javafx.collections.ListChangeListener<EventMarker>) c -> seen[0]++);
            System.gc();
            t.mark(new SessionEventRecord("g", "p1", 1_000, SessionEventRecord.FALLBACK, ""));
            assertEquals(1, seen[0]);
        });
    }

    @Test
    void bandsAndMarkersAreBounded() {
        Fx.run(() -> {
            SessionTimeline t = new SessionTimeline("g");
            PeerSample a = Samples.running("g", "p1", 1, 1_000, 60);
            for (int i = 0; i < SessionTimeline.MAX_BANDS * 3; i++) {
                t.append(0, Samples.withTransport(a, i, 1_000 + i * 100L, i % 2 == 0 ? "p2p" : "relay", "ok"), 0);
                t.mark(new SessionEventRecord("g", "p1", 1_000 + i * 100L, SessionEventRecord.FALLBACK, ""));
            }
            assertEquals(SessionTimeline.MAX_BANDS, t.bands().size());
            assertEquals(SessionTimeline.MAX_MARKERS, t.markers().size());
        });
    }

    @Test
    void onlyOperatorRelevantEventsBecomeMarkers() {
        Fx.run(() -> {
            SessionTimeline t = new SessionTimeline("g");
            t.mark(new SessionEventRecord("g", "p1", 1_000, SessionEventRecord.JOINED, ""));
            t.mark(new SessionEventRecord("g", "p1", 2_000, SessionEventRecord.FALLBACK, "rtt"));
            t.mark(new SessionEventRecord("g", null, 3_000, SessionEventRecord.DESYNC, "frame 812"));
            assertEquals(List.of("fallback · seat p1", "desync"), t.markers().stream().map(EventMarker::label).toList());
        });
    }

    @Test
    void rollbackRateIsMeasuredOverAboutOneSecond() {
        Fx.run(() -> {
            SessionTimeline t = new SessionTimeline("g");
            for (int i = 0; i <= 20; i++) {
                PeerSample s = Samples.running("g", "p1", i, 1_000 + i * 100L, 60 + i * 6);
                // 3 rollbacks every 100 ms = 30 per second
                t.append(0, new PeerSample(s.gameId(), s.playerId(), s.seq(), s.tMs(), s.state(), s.episode(), s.frame(),
                        s.confirmedFrame(), s.verifiedFrame(), s.remoteFrame(), s.frameAdvantage(), 3L * i,
                        s.rollbackFrames(), s.lastRollbackDepth(), s.maxRollbackDepth(), s.predictedFrames(), s.stalls(),
                        s.rttMs(), s.relayRttMs(), s.gapRate(), s.bufferedAmount(), s.transport(), s.transportReason(),
                        0, 0, 0, 0, 0, null, s.fps(), s.stepMs(), s.link()), 0);
            }
            DataSet rate = t.series(TimelineMetric.ROLLBACK_RATE, 0).live();
            assertTrue(Double.isNaN(rate.get(DataSet.DIM_Y, 0)), "no rate from a single sample");
            assertEquals(30.0, rate.get(DataSet.DIM_Y, rate.getDataCount() - 1), 1e-9);
        });
    }

    @Test
    void lagIsFrameMinusConfirmedAndUnknownBeforeTheFirstConfirmation() {
        Fx.run(() -> {
            SessionTimeline t = new SessionTimeline("g");
            t.append(0, Samples.running("g", "p1", 1, 1_000, 2), Double.NaN); // confirmed -1
            t.append(0, Samples.running("g", "p1", 2, 1_100, 60), 1.5);
            DataSet lag = t.series(TimelineMetric.FRAME_LAG, 0).live();
            assertTrue(Double.isNaN(lag.get(DataSet.DIM_Y, 0)));
            assertEquals(3.0, lag.get(DataSet.DIM_Y, 1));
            assertEquals(1, t.drift().live().getDataCount());
            assertEquals(1.1, t.latestSec(), 1e-9);
        });
    }
}
