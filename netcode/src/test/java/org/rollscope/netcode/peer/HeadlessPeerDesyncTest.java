package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.testing.Await;

/**
 * A desync on a real peer (its state corrupted on purpose at a known frame) reaches the relay as a {@code desync}
 * session event naming that frame, observers receive it, it is journaled, and the peers' telemetry counts it.
 */
class HeadlessPeerDesyncTest {
    private static final int CORRUPT_FRAME = 90;

    @TempDir
    Path dataDir;

    @Test
    void aCorruptedPeerStateBecomesADesyncEventAtTheRelayAndInTelemetry() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(1).framesPerEpisode(600),
                peer -> peer.corruptStateAt(0, CORRUPT_FRAME))) {
            Await.until(Duration.ofSeconds(30), "a desync event at the observer",
                    () -> !live.eventsOf(SessionEvent.KIND_DESYNC).isEmpty(), () -> live.events.toString());
            SessionEvent first = live.eventsOf(SessionEvent.KIND_DESYNC).get(0);
            assertEquals(LiveSession.GAME, first.gameId());
            Object frame = first.detail().get("frame");
            assertTrue(frame instanceof Number n && n.intValue() >= CORRUPT_FRAME && n.intValue() <= CORRUPT_FRAME + 5,
                    "the first desync names the corrupted frame (or one just after, if its hash was late): " + first);
            String reporter = first.playerId();
            Await.until(Duration.ofSeconds(10), "the reporting peer's telemetry to count the desync",
                    () -> live.samplesOf(reporter).stream().anyMatch(s -> s.desyncs() > 0 && s.lastDesyncFrame() != null),
                    () -> HeadlessPeerFallbackTest.latest(live, reporter).toString());
            Path journal = dataDir.resolve(LiveSession.GAME + "/events.jsonl");
            Await.until(Duration.ofSeconds(10), "the desync in the session journal",
                    () -> Files.exists(journal) && journalKinds(journal).contains(SessionEvent.KIND_DESYNC),
                    () -> Files.exists(journal) ? journalKinds(journal).toString() : "no journal");
        }
    }

    private static List<String> journalKinds(Path journal) {
        try {
            return Files.readAllLines(journal).stream().map(l -> new JSONObject(l).getString("kind")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
