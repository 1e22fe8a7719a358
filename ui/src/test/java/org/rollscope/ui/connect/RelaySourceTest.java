package org.rollscope.ui.connect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceListener;
import org.rollscope.ui.testing.Await;

/** The console's relay source against the real relay (port 0) and two real headless peers. */
class RelaySourceTest {

    @TempDir
    Path dataDir;

    /** Everything the source delivered, thread-safe (the source calls from the Socket.IO thread). */
    static final class Seen implements SourceListener {
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final List<List<SessionInfo>> snapshots = new CopyOnWriteArrayList<>();
        final List<PeerSample> samples = new CopyOnWriteArrayList<>();
        final List<SessionEventRecord> events = new CopyOnWriteArrayList<>();

        @Override public void onConnectionState(ConnectionState s) { states.add(s); }
        @Override public void onSnapshot(List<SessionInfo> s) { snapshots.add(s); }
        @Override public void onSample(PeerSample s) { samples.add(s); }
        @Override public void onEvent(SessionEventRecord e) { events.add(e); }

        PeerSample latest(String player) {
            PeerSample last = null;
            for (PeerSample s : samples) if (s.playerId().equals(player)) last = s;
            return last;
        }

        ConnectionState lastState() {
            return states.isEmpty() ? null : states.get(states.size() - 1);
        }
    }

    @Test
    void liveSamplesFromBothPeersAndForceFallbackThenRestoreTurnThePeersTransport() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir).observerToken("t").build())) {
            relay.start();
            RelaySource source = new RelaySource(relay.url(), "t");
            Seen seen = new Seen();
            source.connect(seen);
            Await.until(Duration.ofSeconds(15), () -> seen.lastState() != null && seen.lastState().isConnected()
                    && !seen.snapshots.isEmpty(), () -> "states " + seen.states);
            PeerConfig config = PeerConfig.builder(relay.url()).gameId("g1").episodes(1).framesPerEpisode(60 * 60)
                    .link(new LinkProfile(10, 2, 0, 0, 0, 0)).build();
            try (HeadlessPeer a = new HeadlessPeer(config).start(); HeadlessPeer b = new HeadlessPeer(config).start()) {
                Await.until(Duration.ofSeconds(30), () -> seen.samples.stream().map(PeerSample::playerId).distinct().count() == 2
                        && seen.samples.stream().anyMatch(s -> PeerSample.TRANSPORT_P2P.equals(s.transport())),
                        () -> "samples " + seen.samples.size() + ", last " + (seen.samples.isEmpty() ? null : seen.samples.get(seen.samples.size() - 1)));
                String player = seen.samples.get(0).playerId();
                assertTrue(seen.samples.stream().allMatch(s -> s.gameId().equals("g1")));
                // That seat may still be on the relay it starts on (not_connected): force only once it is on P2P.
                Await.until(Duration.ofSeconds(10), () -> PeerSample.TRANSPORT_P2P.equals(seen.latest(player).transport()),
                        () -> "latest " + seen.latest(player));

                CommandResult forced = source.forceFallback("g1", player).get(15, TimeUnit.SECONDS);
                assertTrue(forced.ok(), forced.error());
                Await.until(Duration.ofSeconds(10), () -> PeerSample.TRANSPORT_RELAY.equals(seen.latest(player).transport())
                                && "forced".equals(seen.latest(player).transportReason()),
                        () -> "latest " + seen.latest(player));

                CommandResult restored = source.restoreP2p("g1", player).get(15, TimeUnit.SECONDS);
                assertTrue(restored.ok(), restored.error());
                Await.until(Duration.ofSeconds(20), () -> !PeerSample.TRANSPORT_RELAY.equals(seen.latest(player).transport()),
                        () -> "latest " + seen.latest(player));
                assertTrue(seen.events.stream().anyMatch(e -> e.kind().equals(SessionEventRecord.FALLBACK)), "events " + seen.events);
                assertTrue(seen.events.stream().allMatch(e -> e.detail() != null));
            }
            source.close();
        }
    }

    @Test
    void aWrongTokenIsRefusedWithTheRelaysReason() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir).observerToken("right").build())) {
            relay.start();
            RelaySource source = new RelaySource(relay.url(), "wrong");
            Seen seen = new Seen();
            source.connect(seen);
            Await.until(Duration.ofSeconds(15), () -> seen.lastState() != null
                    && seen.lastState().kind() == ConnectionState.Kind.REFUSED, () -> "states " + seen.states);
            assertTrue(!seen.lastState().detail().isBlank(), "a reason is given");
            assertTrue(source.forceFallback("g1", null).get(5, TimeUnit.SECONDS).error().contains("not connected"));
            source.close();
        }
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // free now, closed below: nothing listens there
        }
        RelaySource source = new RelaySource("http://127.0.0.1:" + port, "t");
        Seen seen = new Seen();
        source.connect(seen);
        Await.until(Duration.ofSeconds(15), () -> seen.states.stream().anyMatch(s -> s.kind() == ConnectionState.Kind.UNREACHABLE),
                () -> "states " + seen.states);
        source.close();
        Await.until(Duration.ofSeconds(5), () -> seen.lastState().kind() == ConnectionState.Kind.CLOSED, () -> "states " + seen.states);
    }
}
