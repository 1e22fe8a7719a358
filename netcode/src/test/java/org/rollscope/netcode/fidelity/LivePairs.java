package org.rollscope.netcode.fidelity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.transport.FallbackThresholds;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * A real relay on loopback and several pairs of real headless peers, each pair over its own impaired UDP link, whose
 * telemetry is read every 100 ms: the fixture of the fidelity suite. Every pair plays one long episode so that the
 * measurement is never interrupted by an episode change.
 */
final class LivePairs implements AutoCloseable {
    /**
     * One pair: both peers send through {@code link} (so the true round trip crosses it twice), and leave the
     * peer-to-peer channel only as {@code thresholds} say.
     */
    record Pair(String name, LinkProfile link, FallbackThresholds thresholds) {}

    private final RelayServer relay;
    private final Map<Pair, HeadlessPeer[]> peers = new LinkedHashMap<>();
    private final Map<Pair, List<PeerSample>> samples = new LinkedHashMap<>();
    private final Map<Pair, List<Long>> readAt = new LinkedHashMap<>();
    private final Map<HeadlessPeer, Long> lastSeq = new java.util.HashMap<>();

    LivePairs(Path dataDir, List<Pair> pairs) throws Exception {
        relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir).observerToken("fidelity").build());
        relay.start();
        for (Pair pair : pairs) {
            PeerConfig config = PeerConfig.builder(relay.url()).gameId("fidelity-" + pair.name())
                    .framesPerEpisode(60 * 600).pointsToWin(1_000_000).link(pair.link()).thresholds(pair.thresholds()).build();
            HeadlessPeer a = new HeadlessPeer(config.toBuilder().playerId("0").build()).start();
            HeadlessPeer b = new HeadlessPeer(config.toBuilder().playerId("1").build()).start();
            peers.put(pair, new HeadlessPeer[] {a, b});
            samples.put(pair, new ArrayList<>());
            readAt.put(pair, new ArrayList<>());
        }
    }

    /** Waits until every peer reports a P2P round trip, then lets {@code settle} pass (the RTT window fills). */
    LivePairs warmUp(Duration settle) throws InterruptedException {
        Await.until(Duration.ofSeconds(60), "every peer to measure a P2P round trip",
                () -> peers.values().stream().allMatch(p -> hasRtt(p[0]) && hasRtt(p[1])),
                () -> peers.values().stream().map(p -> p[0].latestSample() + " / " + p[1].latestSample()).toList());
        Thread.sleep(settle.toMillis());
        return this;
    }

    /** Reads every peer's newest sample (each once) every 50 ms for {@code length}. */
    LivePairs record(Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            peers.forEach((pair, p) -> {
                for (HeadlessPeer peer : p) {
                    PeerSample s = peer.latestSample();
                    Long last = lastSeq.get(peer);
                    if (s != null && (last == null || s.seq() != last)) {
                        lastSeq.put(peer, s.seq());
                        samples.get(pair).add(s);
                        readAt.get(pair).add(System.nanoTime());
                    }
                }
            });
            Thread.sleep(50); // half the telemetry period, so no sample is missed
        }
        return this;
    }

    /** The relay's URL. */
    String relayUrl() {
        return relay.url();
    }

    /** Every sample read from both peers of {@code pair}. */
    List<PeerSample> samples(Pair pair) {
        return samples.get(pair);
    }

    /** When each of {@link #samples} was read ({@link System#nanoTime()}), in the same order. */
    List<Long> readAt(Pair pair) {
        return readAt.get(pair);
    }

    private static boolean hasRtt(HeadlessPeer peer) {
        PeerSample s = peer.latestSample();
        return s != null && s.rttMs() != null && s.relayRttMs() != null;
    }

    @Override
    public void close() {
        peers.values().forEach(p -> {
            p[0].close();
            p[1].close();
        });
        relay.close();
    }
}
