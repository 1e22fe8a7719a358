package org.rollscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.load.SyntheticSample;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;

/**
 * The relay's ingest-to-fan-out path without sockets: a {@code peer_telemetry} Socket.IO packet from a joined peer
 * (engine.io frame text, as Jetty hands it over) goes in as a WebSocket frame does (read once, straight into the
 * relay's model, by its one-parse way; before that way existed, through engine.io and Socket.IO decoding), the event
 * boundary,
 * the telemetry handler (parse, stamp, acknowledge) and the observer queues; every {@value #SAMPLES_PER_FLUSH}
 * samples the fan-out sends each observer its batch, as {@code relay-fanout} does every 25 ms at the target load
 * (100 sessions x 2 peers x 10 Hz = 50 samples per flush). The score is ns per ingested sample, the flush's share
 * included; what Jetty and the kernel add per frame is not in it (see docs/relay-performance.md for the whole
 * process's CPU under {@code rollscope load --relay-process}). Read the score's p0.50: every flush cycle is timed
 * and divided by its samples, and on a shared machine the median is the figure that other processes leave alone.
 *
 * <p>Run: {@code java -cp "bench/target/rollscope-bench.jar:bench/target/lib/*" org.openjdk.jmh.Main RelayFanOut}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime) // the median: this machine is shared, and its stalls make averages useless
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RelayFanOutBenchmark {
    /** Samples between two fan-out flushes at the target load (2,000 samples/s, a flush every 25 ms). */
    static final int SAMPLES_PER_FLUSH = 50;
    private static final String TOKEN = "bench-token";

    @Param({"3"})
    int observers;

    @Param({"100"})
    int sessions;

    private Path dataDir;
    private RelayServer relay;
    private final List<MemoryConnection> peers = new ArrayList<>();
    private final List<String> peerIds = new ArrayList<>();
    private final List<MemoryConnection> observerConnections = new ArrayList<>();
    private long seq;
    /** Samples handed to the relay by {@link #ingestAndFlush}, to check that it accepted every one. */
    private long ingested;
    private int next;
    private int ackId;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dataDir = Files.createTempDirectory("rollscope-relay-bench-");
        relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir).observerToken(TOKEN)
                .eventsPerSecond(1e9).eventBurst(1e9).eventsPerSecondPerAddress(1e9).build());
        for (int i = 0; i < observers; i++) {
            MemoryConnection observer = new MemoryConnection().servedBy(relay);
            observer.receive("40/observer,{\"token\":\"" + TOKEN + "\"}");
            observerConnections.add(observer);
        }
        for (int s = 0; s < sessions; s++) {
            for (int seat = 0; seat < 2; seat++) {
                MemoryConnection peer = new MemoryConnection().servedBy(relay);
                peer.receive("40");
                peer.receive("420[\"join_game\",{\"game_id\":\"bench-" + s + "\"}]");
                String ack = peer.lastAck();
                int at = ack.indexOf("\"player_id\":\"");
                if (!ack.startsWith("430") || at < 0) {
                    throw new IllegalStateException("join_game not acknowledged: " + ack);
                }
                peerIds.add(ack.substring(at + 13, ack.indexOf('"', at + 13)));
                peers.add(peer);
            }
        }
        long before = observerConnections.get(0).charsWritten();
        ingestAndFlush();
        if (observerConnections.get(0).charsWritten() <= before
                || !observerConnections.get(0).lastWritten().contains("peer_telemetry")) {
            throw new IllegalStateException("the observers got no telemetry batch: "
                    + observerConnections.get(0).lastWritten());
        }
    }

    /**
     * After each iteration: every sample was accepted (none refused, no connection lost), so the score is the cost of
     * ingesting them all and not of a relay that stopped doing the work.
     */
    @TearDown(Level.Iteration)
    public void checkEverySampleAccepted() {
        long accepted = relay.stats().samplesReceived();
        if (accepted != ingested) {
            throw new IllegalStateException(ingested + " samples ingested but " + accepted + " accepted: "
                    + relay.stats());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        relay.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** {@value #SAMPLES_PER_FLUSH} samples from successive peers, then one flush to every observer. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_FLUSH)
    public long ingestAndFlush() {
        for (int i = 0; i < SAMPLES_PER_FLUSH; i++) {
            int p = next;
            next = (next + 1) % peers.size();
            String sample = SyntheticSample.of("bench-" + p / 2, peerIds.get(p), seq++, System.currentTimeMillis(), 10,
                    PeerSample.TRANSPORT_P2P, 0, 0);
            ackId = (ackId + 1) & 0xffff;
            peers.get(p).receive("42" + ackId + "[\"peer_telemetry\"," + sample + "]");
        }
        ingested += SAMPLES_PER_FLUSH;
        relay.flushTelemetry();
        return observerConnections.get(0).framesWritten();
    }

    /** What building the client's packet costs (in the score above, not the relay's): subtract it. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_FLUSH)
    public int packetOnly() {
        int length = 0;
        for (int i = 0; i < SAMPLES_PER_FLUSH; i++) {
            int p = next;
            next = (next + 1) % peers.size();
            String sample = SyntheticSample.of("bench-" + p / 2, peerIds.get(p), seq++, System.currentTimeMillis(), 10,
                    PeerSample.TRANSPORT_P2P, 0, 0);
            ackId = (ackId + 1) & 0xffff;
            length += ("42" + ackId + "[\"peer_telemetry\"," + sample + "]").length();
        }
        return length;
    }
}
