package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.testing.DocumentedEpisodeCsv;
import org.rollscope.netcode.testing.EpisodeCsvFile;
import org.rollscope.netcode.transport.LinkProfile;

/** Fallback drills on a live session: forced by an operator, and forced by a dead socket. */
class HeadlessPeerFallbackTest {

    @TempDir
    Path dataDir;

    @Test
    void forcedFallbackMovesInputsToTheRelayAndRestoreBringsThemBackWithoutLosingAFrame() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(2).framesPerEpisode(420)
                .link(new LinkProfile(30, 10, 0.05, 0.02, 0.02, 0)))) {
            forceSeat0ThenRestore(live, Duration.ofSeconds(10));
            assertTrue(live.eventsOf("fallback").stream().noneMatch(e -> "gaps".equals(e.detail().get("reason"))),
                    "the relay-only spell is not mistaken for lost packets: " + live.events);
            assertTrue(live.samplesOf("0").stream().anyMatch(s -> "relay".equals(s.transport())
                    && "forced".equals(s.transportReason())));
            assertParity(live, 2, 420);
        }
    }

    @Test
    void aDeadP2pSocketFallsBackWithReasonClosedAndTheSessionCompletes() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(1).framesPerEpisode(600)
                .p2pFailAfter(Duration.ofMillis(1_000)))) {
            awaitTransport(live, "1", "p2p");
            Await.until(Duration.ofSeconds(10), "some frames over P2P", () -> latest(live, "1").frame() > 120,
                    () -> latest(live, "1"));
            live.peer1.closeP2pSocket();
            awaitTransport(live, "1", "relay");
            assertEquals("closed", latest(live, "1").transportReason());
            live.awaitFinished(Duration.ofSeconds(60));
            assertReasons(live.eventsOf("fallback"), "closed");
            assertTrue(live.samplesOf("0").stream().anyMatch(s -> "failed".equals(s.transportReason())),
                    "the other peer sees silence as a failure");
            assertParity(live, 1, 600);
        }
    }

    @Test
    void aSlowLinkSetLiveDegradesToBothPathsAndP2pReturnsOnceItIsHealthyAgain() throws Exception {
        try (LiveSession live = new LiveSession(dataDir, c -> c.episodes(1).framesPerEpisode(900))) {
            awaitTransport(live, "0", "p2p");
            assertTrue(live.observer.setLink(LiveSession.GAME, "1", new LinkProfile(400, 0, 0, 0, 0, 0)).get().ok());
            Await.until(Duration.ofSeconds(10), "player 0 to see the RTT and send both ways",
                    () -> "rtt".equals(latest(live, "0").transportReason())
                            && "p2p+relay".equals(latest(live, "0").transport()), () -> latest(live, "0"));
            assertEquals(new LinkProfile(400, 0, 0, 0, 0, 0), latest(live, "1").link(), "the link is reported");
            assertTrue(live.observer.setLink(LiveSession.GAME, "1", LinkProfile.PERFECT).get().ok());
            Await.until(Duration.ofSeconds(15), "P2P back after a healthy spell",
                    () -> "p2p".equals(latest(live, "0").transport()), () -> latest(live, "0"));
            Await.until(Duration.ofSeconds(5), "the restore event", () -> !live.eventsOf("p2p_restored").isEmpty(),
                    () -> live.events);
            assertReasons(live.eventsOf("fallback"), "rtt");
            live.awaitFinished(Duration.ofSeconds(60));
            assertParity(live, 1, 900);
        }
    }

    /**
     * The forced-fallback drill on seat 0, shared by the UDP and WebRTC tests: forced to the relay, its inputs flow
     * there and none by P2P, the other seat still sees its progress; restored, it returns to P2P and the session ends.
     */
    static void forceSeat0ThenRestore(LiveSession live, Duration wait) throws Exception {
        awaitTransport(live, "0", "p2p", wait);
        CommandResult forced = live.observer.forceFallback(LiveSession.GAME, "0").get();
        assertTrue(forced.ok(), forced.toString());
        awaitTransport(live, "0", "relay", wait);
        long relayedAtForce = latest(live, "0").inputsSentRelay();
        Await.until(wait, "inputs to flow by relay",
                () -> latest(live, "0").inputsSentRelay() > relayedAtForce + 60, () -> latest(live, "0"));
        long p2pDuringForce = latest(live, "0").inputsSentP2p();
        Await.until(wait, "another second by relay",
                () -> latest(live, "0").inputsSentRelay() > relayedAtForce + 120, () -> latest(live, "0"));
        assertEquals(p2pDuringForce, latest(live, "0").inputsSentP2p(), "no input went P2P while forced");
        PeerSample other = latest(live, "1");
        assertTrue(other.remoteFrame() > other.frame() - 30,
                "the other seat still sees seat 0's progress through its relayed inputs: " + other);

        assertTrue(live.observer.restoreP2p(LiveSession.GAME, "0").get().ok());
        awaitTransport(live, "0", "p2p", wait);
        live.awaitFinished(Duration.ofSeconds(60));

        assertReasons(live.eventsOf("fallback"), "forced");
        assertFalse(live.eventsOf("p2p_restored").isEmpty(), "restore published: " + live.events);
    }

    static void awaitTransport(LiveSession live, String player, String transport) {
        awaitTransport(live, player, transport, Duration.ofSeconds(10));
    }

    static void awaitTransport(LiveSession live, String player, String transport, Duration timeout) {
        Await.until(timeout, "player " + player + " on " + transport, () -> {
            PeerSample s = latestOrNull(live, player);
            return s != null && transport.equals(s.transport());
        }, () -> latestOrNull(live, player));
    }

    static PeerSample latest(LiveSession live, String player) {
        PeerSample s = latestOrNull(live, player);
        if (s == null) {
            throw new AssertionError("no sample from player " + player + " yet");
        }
        return s;
    }

    private static PeerSample latestOrNull(LiveSession live, String player) {
        List<PeerSample> of = live.samplesOf(player);
        return of.isEmpty() ? null : of.get(of.size() - 1);
    }

    static void assertReasons(List<SessionEvent> events, String reason) {
        assertTrue(events.stream().anyMatch(e -> reason.equals(e.detail().get("reason"))),
                "an event with reason " + reason + " in " + events);
    }

    /** Both seats stored every episode, each with every frame, identical on every non-local column. */
    static void assertParity(LiveSession live, int episodes, int frames) throws Exception {
        for (int ep = 0; ep < episodes; ep++) {
            Path p0 = live.dataDir.resolve(LiveSession.GAME + "/0_ep" + ep + ".csv");
            Path p1 = live.dataDir.resolve(LiveSession.GAME + "/1_ep" + ep + ".csv");
            assertTrue(Files.exists(p0) && Files.exists(p1), "episode " + ep + " stored by both seats");
            EpisodeCsvFile a = EpisodeCsvFile.read(p0);
            EpisodeCsvFile b = EpisodeCsvFile.read(p1);
            assertEquals(DocumentedEpisodeCsv.columns(), a.header(), "the stored header is README's");
            assertEquals(a.sharedRows(), b.sharedRows(), "episode " + ep + " identical on every non-local column");
            assertTrue(a.rowCount() > 0 && a.rowCount() <= frames, "episode " + ep + " rows: " + a.rowCount());
            for (int i = 0; i < a.rowCount(); i++) {
                assertEquals(ep + "/" + i, a.cell(i, "episode") + "/" + a.cell(i, "frame"), "frame " + i + " in " + p0);
            }
        }
    }
}
