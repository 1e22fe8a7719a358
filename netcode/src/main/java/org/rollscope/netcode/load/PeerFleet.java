package org.rollscope.netcode.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.net.http.HttpClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every simulated peer of a run and the few threads that serve them all: {@code load-emitter} builds and sends every
 * sample, and the peers' one {@link HttpClient} (its selector thread and an executor of {@link #IO_THREADS}
 * {@code load-peer-io-*} threads) reads and writes every connection. A thread per peer would cost more than the
 * relay we measure; socket.io-client-java's one event thread for every connection could not serve 1,000 of them
 * (they missed engine.io's ping deadline and were dropped). Each peer's samples are phase-shifted by {@code period / peers}, so
 * the emitter sends a steady trickle instead of one burst per period, like independent peers would.
 *
 * <p>Game ids are {@code load-<run>-<n>}, so a run never lands in someone else's session on a shared relay.
 * Thread-safe; {@link #connect} blocks.
 */
final class PeerFleet implements AutoCloseable {
    private final ScheduledExecutorService emitter = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "load-emitter");
        thread.setDaemon(true);
        return thread;
    });
    private final List<SimulatedPeer> peers = new ArrayList<>();
    private final List<SimulatedSession> sessions = new ArrayList<>();
    private final Map<String, SimulatedPeer> bySeat = new HashMap<>();
    private final List<ScheduledFuture<?>> schedules = new ArrayList<>();
    /** The peers' HTTP client's executor: reads, ping answers, acknowledgements, send completions. */
    static final int IO_THREADS = 2;

    private final double rateHz;
    private final ExecutorService io;
    private final HttpClient http;

    PeerFleet(String url, String runId, LoadConfig config) {
        this.rateHz = config.rateHz();
        AtomicInteger ioThreads = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(IO_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "load-peer-io-" + ioThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().executor(io).connectTimeout(SimulatedPeer.CONNECT_TIMEOUT).build();
        int maxSamples = config.samplesPerPeer();
        for (int s = 0; s < config.sessions(); s++) {
            String gameId = "load-" + runId + "-" + s;
            SimulatedPeer first = new SimulatedPeer(url, gameId, "0", rateHz, maxSamples, config.actionFps(), emitter,
                    http);
            SimulatedPeer second = new SimulatedPeer(url, gameId, "1", rateHz, maxSamples, config.actionFps(), emitter,
                    http);
            peers.add(first);
            peers.add(second);
            sessions.add(new SimulatedSession(first, second));
            bySeat.put(seatKey(gameId, "0"), first);
            bySeat.put(seatKey(gameId, "1"), second);
        }
    }

    /**
     * Connects and joins every peer, a few at a time so as not to stampede the relay's accept queue. Blocks until
     * all joined or {@code timeout}; throws IllegalStateException naming the first failure.
     */
    void connect(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int inFlight = 32;
        List<CompletableFuture<?>> window = new ArrayList<>();
        for (SimulatedPeer peer : peers) {
            window.add(peer.connectAndJoin());
            if (window.size() >= inFlight) {
                awaitAll(window, deadline);
                window.clear();
            }
        }
        awaitAll(window, deadline);
    }

    private static void awaitAll(List<CompletableFuture<?>> futures, long deadlineNanos) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            long pending = futures.stream().filter(f -> !f.isDone()).count();
            throw new IllegalStateException(pending + " peers did not join in time");
        }
    }

    /** Starts every peer's telemetry at the configured rate. */
    synchronized void startEmitting() {
        long periodNanos = Math.round(1e9 / rateHz);
        for (int i = 0; i < peers.size(); i++) {
            long offset = periodNanos * i / peers.size();
            SimulatedPeer peer = peers.get(i);
            schedules.add(emitter.scheduleAtFixedRate(peer::emitSample, offset, periodNanos, TimeUnit.NANOSECONDS));
        }
    }

    /** Stops every peer's telemetry; relayed inputs of a forced fallback may continue until closed. */
    synchronized void stopEmitting() {
        schedules.forEach(s -> s.cancel(false));
        schedules.clear();
    }

    /** The HTTP client of every peer, for the observers too (one selector thread and one executor for all). */
    HttpClient http() {
        return http;
    }

    /** The HTTP client's executor: every incoming frame of the driver is handled there. */
    ExecutorService ioExecutor() {
        return io;
    }

    /** The peer holding a seat of this run, or null for a seat that is not ours. */
    SimulatedPeer peer(String gameId, String playerId) {
        return bySeat.get(seatKey(gameId, playerId));
    }

    List<SimulatedPeer> peers() {
        return Collections.unmodifiableList(peers);
    }

    List<? extends SwitchTarget> sessions() {
        return Collections.unmodifiableList(sessions);
    }

    long samplesSent() {
        return peers.stream().mapToLong(SimulatedPeer::samplesSent).sum();
    }

    long skippedSends() {
        return peers.stream().mapToLong(SimulatedPeer::skippedSends).sum();
    }

    long disconnectedPeers() {
        return peers.stream().filter(p -> !p.connected()).count();
    }

    @Override
    public void close() {
        stopEmitting();
        peers.forEach(SimulatedPeer::close);
        emitter.shutdownNow();
        io.shutdown(); // after the close frames queued above were handed on; the selector thread ends with the client
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.shutdownNow();
    }

    private static String seatKey(String gameId, String playerId) {
        return gameId + '\u0000' + playerId;
    }
}
