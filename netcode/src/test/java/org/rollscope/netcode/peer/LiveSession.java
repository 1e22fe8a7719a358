package org.rollscope.netcode.peer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverListener;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.testing.TcpProxy;

/**
 * A real relay on an ephemeral loopback port, an observer recording every sample and event, and two headless peers
 * in one game: the fixture of the end-to-end peer tests. Closes everything.
 */
final class LiveSession implements AutoCloseable {
    static final String TOKEN = "test-token";
    static final String GAME = "g1";

    final Path dataDir;
    RelayServer relay;
    /** Peers and the observer connect here, so a restarted relay can take any free port. */
    final TcpProxy proxy;
    final ObserverClient observer;
    final HeadlessPeer peer0;
    final HeadlessPeer peer1;
    final List<PeerSample> samples = new CopyOnWriteArrayList<>();
    final List<SessionEvent> events = new CopyOnWriteArrayList<>();
    private final int episodes;

    LiveSession(Path dataDir, UnaryOperator<PeerConfig.Builder> config) throws Exception {
        this(dataDir, config, peer -> peer);
    }

    /** {@code prepare} may set a peer up before it starts (e.g. {@link HeadlessPeer#corruptStateAt}). */
    LiveSession(Path dataDir, UnaryOperator<PeerConfig.Builder> config, UnaryOperator<HeadlessPeer> prepare)
            throws Exception {
        this.dataDir = dataDir;
        this.relay = startRelay(0);
        this.proxy = new TcpProxy(relay.port());
        this.observer = new ObserverClient(proxy.url(), TOKEN);
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
        PeerConfig base = config.apply(PeerConfig.builder(proxy.url())).gameId(GAME).build();
        this.episodes = base.episodes();
        this.peer0 = prepare.apply(new HeadlessPeer(base.toBuilder().playerId("0").build())).start();
        this.peer1 = new HeadlessPeer(base.toBuilder().playerId("1").build()).start();
    }

    RelayServer startRelay(int port) throws IOException {
        RelayServer r = new RelayServer(RelayConfig.builder().port(port).dataDir(dataDir).observerToken(TOKEN).build());
        r.start();
        return r;
    }

    /** Stops the relay (peers and observer lose it). */
    void stopRelay() {
        proxy.cut();
        relay.close();
    }

    /**
     * Starts a new relay on the same data directory, on a fresh ephemeral port behind the same proxy address (the
     * stopped relay's port number is never bound again).
     */
    void startRelayAgain() throws IOException {
        relay = startRelay(0);
        proxy.retarget(relay.port());
    }

    /**
     * Waits until both peers finished, reporting their newest samples on timeout, then checks how: a peer whose loop
     * crashed is done too, so each result must show every episode played and stored and no desync.
     */
    void awaitFinished(Duration timeout) {
        Await.until(timeout, "both peers to finish", () -> peer0.finished().isDone() && peer1.finished().isDone(),
                () -> "\n peer0: " + peer0.latestSample() + "\n peer1: " + peer1.latestSample());
        for (HeadlessPeer peer : List.of(peer0, peer1)) {
            PeerResult r;
            try {
                r = peer.finished().getNow(null);
            } catch (CompletionException | CancellationException e) {
                throw new AssertionError("peer " + peer.playerId() + " did not finish cleanly", e);
            }
            if (r.episodes() != episodes || r.episodesStored() != episodes || r.desyncs() != 0) {
                throw new AssertionError("peer " + peer.playerId() + " finished with " + r + ", expected " + episodes
                        + " episodes played and stored and no desync");
            }
        }
    }

    /** Samples the observer received from one seat, in order. */
    List<PeerSample> samplesOf(String playerId) {
        return samples.stream().filter(s -> playerId.equals(s.playerId())).toList();
    }

    /** Events of one kind the observer received. */
    List<SessionEvent> eventsOf(String kind) {
        return events.stream().filter(e -> kind.equals(e.kind())).toList();
    }

    @Override
    public void close() {
        peer0.close();
        peer1.close();
        observer.close();
        relay.close();
        proxy.close();
    }
}
