package org.rollscope.netcode.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rollscope.netcode.peer.HeadlessPeerFallbackTest.assertParity;
import static org.rollscope.netcode.peer.HeadlessPeerFallbackTest.assertReasons;
import static org.rollscope.netcode.peer.HeadlessPeerFallbackTest.latest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.testing.NetnsJUnit;
import org.rollscope.netcode.transport.ChannelKind;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The UDP transport's session, parity and fallback drills, over WebRTC DataChannels. Run only inside a test network
 * namespace, by {@link WebRtcSessionTest} (libwebrtc needs a non-loopback interface, and must never use the machine's
 * real one). The relay listens on the namespace's loopback; the channel runs over its dummy interface.
 */
class WebRtcSessionDrills {

    @TempDir
    Path dataDir;

    @BeforeEach
    void insideATestNamespace() throws Exception {
        NetnsJUnit.requireInside();
    }

    /** Longer than the UDP drills' 10 s: ICE and DTLS come first, and CI runs this on 2 loaded cores. */
    private static final Duration SWITCH = Duration.ofSeconds(30);

    private static void awaitTransport(LiveSession live, String player, String transport) {
        HeadlessPeerFallbackTest.awaitTransport(live, player, transport, SWITCH);
    }

    private LiveSession live(UnaryOperator<PeerConfig.Builder> config) throws Exception {
        return new LiveSession(dataDir, c -> config.apply(c.channel(ChannelKind.WEBRTC)));
    }

    @Test
    void twoPeersPlayTwoEpisodesOverADataChannelAndStoreIdenticalData() throws Exception {
        try (LiveSession live = live(c -> c.episodes(2).framesPerEpisode(300)
                .link(new LinkProfile(20, 5, 0.05, 0, 0, 0)))) {
            awaitTransport(live, "0", "p2p");
            awaitTransport(live, "1", "p2p");
            Await.until(SWITCH, "ICE path and RTT in the telemetry",
                    () -> latest(live, "0").icePath() != null && latest(live, "0").iceRttMs() != null,
                    () -> latest(live, "0"));
            PeerSample s = latest(live, "0");
            assertEquals("host", s.icePath(), "two peers on one network connect host to host: " + s);
            assertNotNull(s.bufferedAmount(), "the DataChannel's bufferedAmount is reported");
            live.awaitFinished(Duration.ofSeconds(60));
            PeerResult r0 = live.peer0.finished().get();
            PeerResult r1 = live.peer1.finished().get();
            assertEquals(0, r0.desyncs() + r1.desyncs());
            assertTrue(r0.inputsSentP2p() > 500 && r1.inputsSentP2p() > 500, r0 + " / " + r1);
            assertParity(live, 2, 300);
        }
    }

    @Test
    void forcedFallbackMovesInputsToTheRelayAndRestoreBringsThemBack() throws Exception {
        try (LiveSession live = live(c -> c.episodes(2).framesPerEpisode(420)
                .link(new LinkProfile(30, 10, 0.05, 0.02, 0.02, 0)))) {
            HeadlessPeerFallbackTest.forceSeat0ThenRestore(live, SWITCH);
            assertParity(live, 2, 420);
        }
    }

    @Test
    void aClosedDataChannelFallsBackAndTheSessionCompletes() throws Exception {
        try (LiveSession live = live(c -> c.episodes(1).framesPerEpisode(600)
                .p2pFailAfter(Duration.ofMillis(1_000)))) {
            awaitTransport(live, "1", "p2p");
            Await.until(SWITCH, "some frames over P2P", () -> latest(live, "1").frame() > 120,
                    () -> latest(live, "1"));
            live.peer1.closeP2pSocket();
            awaitTransport(live, "1", "relay");
            assertEquals("closed", latest(live, "1").transportReason());
            awaitTransport(live, "0", "relay");
            assertTrue(java.util.Set.of("closed", "failed").contains(latest(live, "0").transportReason()),
                    "the other peer sees the channel close (SCTP tells it) or go silent: " + latest(live, "0"));
            live.awaitFinished(Duration.ofSeconds(60));
            assertReasons(live.eventsOf("fallback"), "closed");
            assertParity(live, 1, 600);
        }
    }

    @Test
    void aSlowLinkSetLiveDegradesToBothPathsAndP2pReturns() throws Exception {
        try (LiveSession live = live(c -> c.episodes(1).framesPerEpisode(900))) {
            awaitTransport(live, "0", "p2p");
            assertTrue(live.observer.setLink(LiveSession.GAME, "1", new LinkProfile(400, 0, 0, 0, 0, 0)).get().ok());
            Await.until(SWITCH, "player 0 to see the RTT and send both ways",
                    () -> "rtt".equals(latest(live, "0").transportReason())
                            && "p2p+relay".equals(latest(live, "0").transport()), () -> latest(live, "0"));
            assertTrue(live.observer.setLink(LiveSession.GAME, "1", LinkProfile.PERFECT).get().ok());
            Await.until(SWITCH, "P2P back after a healthy spell",
                    () -> "p2p".equals(latest(live, "0").transport()), () -> latest(live, "0"));
            assertReasons(live.eventsOf("fallback"), "rtt");
            live.awaitFinished(Duration.ofSeconds(60));
            assertParity(live, 1, 900);
        }
    }
}
