package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.peer.PilotRelayReporter;

/**
 * The MUG pilot reporting to a real relay through the probe channel: its samples reach observers stamped as the
 * pilot's seat of the MUG game, the console is told it takes no commands, a command sent anyway is refused with the
 * reason, and a reporter naming another source is refused at connect.
 */
class PilotRelayReporterTest {
    private static final String GAME = RelayProbeTest.GAME;

    @TempDir
    Path dataDir;
    RelayFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A sample as MugParticipant builds it: MUG's game and player id, the pilot's source and subject id. */
    private static PeerSample pilotSample(long seq) throws Exception {
        JSONObject json = RelayProbeTest.probeSample(seq).put("game_id", GAME).put("player_id", "1")
                .put("source", PeerSample.SOURCE_MUG_PILOT).put("subject_id", "pilot-7").put("stalls", 0)
                .put("step_ms", 1.5).put("last_desync_frame", -1);
        return ObserverProtocol.mapper().readValue(json.toString(), PeerSample.class);
    }

    @Test
    void thePilotsSamplesReachObserversAsItsSeatOfTheMugGameAndCommandsAreRefusedWithTheReason() throws Exception {
        fixture = new RelayFixture(dataDir, b -> b.probeKey(RelayProbeTest.KEY));
        RecordingListener seen = new RecordingListener();
        ObserverClient observer = fixture.track(new ObserverClient(fixture.relay.url(), "test-token"));
        observer.addListener(seen).connect().get(10, TimeUnit.SECONDS);

        try (PilotRelayReporter reporter = new PilotRelayReporter(fixture.relay.url(), RelayProbeTest.KEY)) {
            // The pilot hands over a sample every 100 ms, from its own thread; the first ones go while the
            // connection is still opening.
            java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.ScheduledExecutorService pilot =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                pilot.scheduleAtFixedRate(() -> {
                    try {
                        reporter.report(pilotSample(seq.incrementAndGet()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, 0, 100, TimeUnit.MILLISECONDS);
                Await.until(TestPeer.WAIT, () -> seen.samples.size() >= 3, seen::toString);
            } finally {
                pilot.shutdownNow();
                pilot.awaitTermination(5, TimeUnit.SECONDS);
            }
            assertTrue(reporter.dropped() >= 1, "the first sample came before the connection: dropped, counted");
            assertTrue(reporter.sent() >= 3);

            PeerSample s = seen.samples.get(0);
            assertEquals(GAME, s.gameId());
            assertEquals("1", s.playerId());
            assertEquals(PeerSample.SOURCE_MUG_PILOT, s.source());
            assertEquals("pilot-7", s.subjectId());
            assertEquals(412, s.frame());
            assertEquals(List.of(ObserverProtocol.FORCE_FALLBACK, ObserverProtocol.RESTORE_P2P,
                    ObserverProtocol.SET_LINK), s.unsupportedCommands(), "the console offers no command for it");
            assertTrue(seen.events.stream().anyMatch(e -> e.kind().equals(SessionEvent.KIND_JOINED)
                    && PeerSample.SOURCE_MUG_PILOT.equals(e.detail().get("source"))), seen.events.toString());

            CommandResult refused = observer.forceFallback(GAME, "1").get(10, TimeUnit.SECONDS);
            assertFalse(refused.ok(), refused.describe());
            assertTrue(refused.describe().contains("takes no commands"), refused.describe());
        }
    }

    @Test
    void aReporterNamingAnyOtherSourceIsRefusedAtConnect() throws Exception {
        fixture = new RelayFixture(dataDir, b -> b.probeKey(RelayProbeTest.KEY));
        TestPeer impostor = fixture.track(TestPeer.connect(fixture.relay.url(), ProbeProtocol.NAMESPACE,
                Map.of(ProbeProtocol.AUTH_KEY, RelayProbeTest.KEY, ProbeProtocol.AUTH_GAME_ID, GAME,
                        ProbeProtocol.AUTH_PLAYER_ID, "0", ProbeProtocol.AUTH_SOURCE, "relay"), false));
        assertEquals("source must be mug-probe or mug-pilot",
                ((JSONObject) impostor.awaitNth("connect_error", 1)).getString("message"));
        assertEquals(0, fixture.relay.stats().sessions());
    }
}
