package org.rollscope.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.testing.RetainedHeap;
import org.rollscope.ui.service.SourceUpdate;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.testing.Fx;
import org.rollscope.ui.testing.Samples;
import org.rollscope.ui.timeline.MetricSeries;
import org.rollscope.ui.timeline.SessionTimeline;

/**
 * "Memory is bounded (rings and downsampling)" (README, docs/console.md), measured: a two-peer session fed live for
 * 100 minutes of samples at 10 Hz, with a transport switch every 5 s and a marked event every 2.5 s, through the
 * console's view-models with the chart datasets in use. The heap retained after GC stays flat between the 50th and
 * the 100th minute, and the caps console.md documents are the ones in force.
 */
class ConsoleMemoryTest {
    /** Per seat, per phase: 50 minutes at 10 Hz. */
    private static final int SAMPLES_PER_PHASE = 30_000;
    private static final String GAME = "long";

    @Test
    void aLongLiveFeedKeepsRetainedHeapFlatAndTheDocumentedCapsHold() {
        Fx.run(() -> {
            AtomicLong clock = new AtomicLong(1_000);
            ConsoleModel model = new ConsoleModel(clock::get);
            model.reset(SourceCapabilities.everything());
            Feed feed = new Feed(model, clock);
            feed.run(100); // the session and its timeline exist; attach the chart datasets as the views do
            SessionTimeline timeline = model.session(GAME, false).timeline();
            timeline.allSeries().forEach(s -> {
                s.live();
                s.history();
            });
            feed.run(SAMPLES_PER_PHASE);
            long first = RetainedHeap.bytes();
            feed.run(SAMPLES_PER_PHASE);
            long second = RetainedHeap.bytes();
            System.out.printf("console retained heap: %.1f MB after 50 min, %.1f MB after 100 min of a live session%n",
                    first / 1e6, second / 1e6);
            assertTrue(second - first < RetainedHeap.TOLERANCE_BYTES,
                    "retained heap grew from " + first + " to " + second + " bytes over 50 minutes of samples");

            // docs/console.md: "the live ring, 6,000 points per series", "at most 2,000 points per series",
            // "Bands are capped at 200 and markers at 300 per session".
            for (MetricSeries s : timeline.allSeries()) {
                assertEquals(6_000, s.liveCount(), "live ring of a series");
                assertTrue(s.live().getDataCount() <= 6_000 + 600, "live dataset: " + s.live().getDataCount());
                assertTrue(s.historyCount() <= 2_000 && s.history().getDataCount() <= 2_000,
                        "history: " + s.historyCount() + " / " + s.history().getDataCount());
            }
            assertEquals(200, timeline.bands().size(), "bands");
            assertEquals(300, timeline.markers().size(), "markers");
            assertEquals(SessionViewModel.EVENT_LOG_CAPACITY, model.session(GAME, false).events().entries().size());
        });
    }

    /** Two seats at 10 Hz; the transport flips every 50 samples and a fallback event comes every 25. */
    private static final class Feed {
        private final ConsoleModel model;
        private final AtomicLong clock;
        private long seq;

        Feed(ConsoleModel model, AtomicLong clock) {
            this.model = model;
            this.clock = clock;
        }

        void run(int samplesPerSeat) {
            for (int i = 0; i < samplesPerSeat; i++) {
                seq++;
                long t = clock.addAndGet(100);
                String transport = (seq / 50) % 2 == 0 ? PeerSample.TRANSPORT_P2P : PeerSample.TRANSPORT_RELAY;
                for (String player : new String[] {"p0", "p1"}) {
                    PeerSample s = Samples.running(GAME, player, seq, t, (int) (seq * 6));
                    model.apply(new SourceUpdate.SampleReceived(Samples.withTransport(s, seq, t, transport, "rtt")));
                }
                if (seq % 25 == 0) {
                    model.apply(new SourceUpdate.EventReceived(new SessionEventRecord(GAME, "p0", t,
                            SessionEventRecord.FALLBACK, "{\"reason\":\"rtt\"}")));
                }
            }
        }
    }
}
