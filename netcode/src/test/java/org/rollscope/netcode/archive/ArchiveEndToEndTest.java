package org.rollscope.netcode.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.timeline.TimelineEvent;
import org.rollscope.netcode.timeline.TimelineWriter;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The archive end to end: a real relay archiving, two real headless peers playing an episode over an impaired link
 * with a forced fallback, an observer recording what it was sent, and no console. Afterwards the archive's export,
 * read back over the observer connection, holds exactly the rows the observer received, cell for cell, in the
 * same CSV writer the console uses. Both backends: embedded SQLite, and PostgreSQL from .ci/run.
 */
class ArchiveEndToEndTest {
    static final String TOKEN = "archive-token";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sqlite", "postgresql"})
    void exportFromTheArchiveEqualsWhatAnObserverRecorded(String backend) throws Exception {
        String url = TestDatabases.url(backend, dataDir);
        ArchiveConfig archive = ArchiveConfig.EMBEDDED.withJdbcUrl(url);
        List<PeerSample> samples = new CopyOnWriteArrayList<>();
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir).observerToken(TOKEN)
                .archive(archive).build())) {
            relay.start();
            ObserverClient observer = new ObserverClient(relay.url(), TOKEN);
            observer.addListener(new ObserverListener() {
                @Override
                public void onTelemetry(TelemetryBatch batch) {
                    samples.addAll(batch.samples());
                }

                @Override
                public void onSessionEvent(SessionEvent event) {
                    events.add(event);
                }
            });
            observer.connect().get();
            PeerConfig config = PeerConfig.builder(relay.url()).gameId("g1").episodes(1).framesPerEpisode(360)
                    .link(new LinkProfile(20, 5, 0.03, 0, 0, 0)).build();
            try (HeadlessPeer a = new HeadlessPeer(config.toBuilder().playerId("0").build()).start();
                 HeadlessPeer b = new HeadlessPeer(config.toBuilder().playerId("1").build()).start()) {
                Await.until(Duration.ofSeconds(20), "a few samples", () -> samples.size() > 20, samples::size);
                observer.forceFallback("g1", "0").get(); // a fallback and a command among the events
                Await.until(Duration.ofSeconds(60), "both peers to finish",
                        () -> a.finished().isDone() && b.finished().isDone(),
                        () -> a.latestSample() + " / " + b.latestSample());
            }
            Await.until(Duration.ofSeconds(20), "the session to end and the archive to catch up",
                    () -> events.stream().anyMatch(e -> e.kind().equals(SessionEvent.KIND_ENDED))
                            && relay.archiveStats().queued() == 0
                            && relay.archiveStats().samplesWritten() == relay.stats().samplesReceived()
                            && samples.size() == relay.stats().samplesReceived()
                            && relay.archiveStats().eventsWritten() >= events.size(),
                    () -> relay.archiveStats() + " observer " + samples.size() + " " + relay.stats());
            String source = "relay " + relay.url();

            RemoteArchive remote = new RemoteArchive(observer);
            List<ArchivedSession> history = remote.sessions(null, null);
            assertEquals(1, history.size(), history.toString());
            ArchivedSession g1 = history.get(0);
            assertEquals(List.of("0", "1"), g1.players());
            assertEquals(samples.size(), g1.samples());
            assertEquals(events.stream().filter(e -> e.kind().equals(SessionEvent.KIND_FALLBACK)).count(),
                    g1.fallbacks(), g1.toString());
            assertTrue(g1.ended(), g1.toString());
            assertEquals(source, g1.source());

            Path out = dataDir.resolve("export/g1-samples.csv");
            List<long[]> progress = new ArrayList<>();
            new ArchiveExport().write(remote.timeline("g1", null, null, PAGE), ArchiveExport.Format.CSV, out,
                    System.currentTimeMillis(), (d, t) -> progress.add(new long[] {d, t}));
            assertTrue(samples.size() > 2 * PAGE, "several pages: " + samples.size());

            TimelineWriter writer = new TimelineWriter();
            ByteArrayOutputStream live = new ByteArrayOutputStream();
            writer.writeSamplesCsv(samples, samples.size(), source, f -> true, live, TimelineWriter.Progress.NONE);
            assertSameRows(live.toString(StandardCharsets.UTF_8), Files.readString(out));
            ByteArrayOutputStream liveEvents = new ByteArrayOutputStream();
            writer.writeEventsCsv(events.stream().map(TimelineEvent::of).toList(), events.size(), liveEvents,
                    TimelineWriter.Progress.NONE);
            assertSameRows(liveEvents.toString(StandardCharsets.UTF_8),
                    Files.readString(ArchiveExport.eventsCsv(out)));
            long[] last = progress.get(progress.size() - 1);
            assertEquals(last[1], last[0], "progress ends at its total");
            assertEquals(samples.size() + events.size(), last[1]);
            observer.close();
        }
    }

    /** Same header line, same rows (the observer's arrival order and the archive's time order may differ). */
    static void assertSameRows(String expected, String actual) {
        List<String> e = new ArrayList<>(expected.lines().toList());
        List<String> a = new ArrayList<>(actual.lines().toList());
        assertEquals(e.get(0), a.get(0), "header");
        List<String> es = e.subList(1, e.size()).stream().sorted().toList();
        List<String> as = a.subList(1, a.size()).stream().sorted().toList();
        assertEquals(es.size(), as.size(), "row count");
        for (int i = 0; i < es.size(); i++) {
            assertEquals(es.get(i), as.get(i), "row " + i + " (sorted)");
        }
    }

    /** Small pages, so that the export pages through the session several times. */
    private static final int PAGE = 50;
}
