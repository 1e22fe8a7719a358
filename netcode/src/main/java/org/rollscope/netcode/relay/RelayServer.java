package org.rollscope.netcode.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.sql.SQLException;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.archive.ArchiveStats;
import org.rollscope.netcode.archive.SessionArchive;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.relay.embed.EmbeddedSocketIoServer;
import org.rollscope.netcode.relay.embed.HttpLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session relay: an embedded Socket.IO v4 server where two-player sessions meet (default namespace) and
 * observers watch and steer them ({@code /observer}), and MUG page probes report their seats ({@code /probe}, with
 * the probe script served at {@link ProbeProtocol#SCRIPT_PATH}). The events are documented in
 * docs/relay-protocol.md.
 *
 * <p>Lifecycle: construct, {@link #start()} (binds; blocks until listening), {@link #close()} (idempotent; waits up
 * to 5 s for episode files being written). Not restartable: make a new instance, e.g. on the same port.
 *
 * <p>Threads: Socket.IO handlers on Jetty's pool ({@code relay-jetty-*}), telemetry and relayed inputs on the pool
 * thread that is selecting, where their WebSocket frame was read ({@link NonBlockingFrames}); {@code relay-fanout} sends telemetry
 * batches; {@code relay-timers} times out commands; {@code relay-storage} writes episode files; with the archive on,
 * {@code relay-archive} writes samples and events to it and {@code relay-archive-read} answers observers' reads of
 * it. All public methods are thread-safe.
 */
public final class RelayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);
    /**
     * Unsent text past which an observer gets no new telemetry batch (dropped, counted, told in its next batch): about
     * 3 s of batches at 100 sessions, 0.3 s at 500; well under what engine.io's pings can wait behind.
     */
    static final long OBSERVER_MAX_UNSENT_CHARS = 1 << 20;

    private final RelayConfig config;
    private final String observerToken;
    private final String probeKey;
    private final RejectCounters rejects = new RejectCounters();
    private final TrafficCounters traffic = new TrafficCounters();
    private final SessionRegistry registry;
    private final ObserverHub hub;
    private final ScheduledExecutorService fanout = Executors.newSingleThreadScheduledExecutor(
            named("relay-fanout"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(named("relay-timers"));
    private final ExecutorService storage = Executors.newSingleThreadExecutor(named("relay-storage"));
    private final ExecutorService archiveReads = Executors.newSingleThreadExecutor(named("relay-archive-read"));
    private final SessionArchive archive; // null when off
    private final EmbeddedSocketIoServer server;
    private final EpisodeStore episodes;
    private final TelemetryShortcut telemetryShortcut;
    private volatile boolean started;
    private volatile boolean closed;

    /** Prepares the relay; nothing is bound until {@link #start()}. Throws IllegalArgumentException on bad config. */
    public RelayServer(RelayConfig config) {
        this.config = config;
        this.observerToken = config.observerToken() != null ? config.observerToken() : TokenCheck.generate();
        this.registry = new SessionRegistry(config.eventRingCapacity(), config.maxEndedSessions(),
                config.maxLiveGames(), config.openSeats(), new SeatLedger(config.dataDir()));
        this.hub = new ObserverHub(registry, new SessionJournal(config.dataDir(), config.maxJournalBytes()),
                config.observerQueueCapacity());
        this.probeKey = config.probeKey() != null ? config.probeKey() : TokenCheck.generate();
        TokenCheck tokenCheck = new TokenCheck(observerToken, rejects);
        ProbeKeyCheck probeKeyCheck = new ProbeKeyCheck(probeKey, rejects);
        EventBoundary boundary = new EventBoundary(rejects, config.eventsPerSecond(), config.eventBurst(),
                config.eventsPerSecondPerAddress());
        Seats seats = new Seats(registry);
        this.episodes = new EpisodeStore(config.dataDir(), storage);
        CommandRouter commands = new CommandRouter(registry, hub, timers, config.commandTimeout(), rejects);
        this.archive = openArchive(config, hub);
        TelemetrySockets telemetrySockets = new TelemetrySockets(boundary);
        this.telemetryShortcut = new TelemetryShortcut(telemetrySockets, boundary);
        this.server = new EmbeddedSocketIoServer(config.host(), config.port(), httpLimits(config),
                (namespace, auth) -> ProbeProtocol.NAMESPACE.equals(namespace) ? probeKeyCheck.refusal(auth)
                        : tokenCheck.refusal(namespace, auth), new NonBlockingFrames(), telemetryShortcut);
        ReportHandlers reports = new ReportHandlers(seats, hub, episodes, boundary, traffic)
                .maxEpisodesPerSeat(config.maxEpisodesPerSeat());
        SeatAnnouncer announcer = new SeatAnnouncer(registry, hub);
        new PeerNamespace(registry, announcer, boundary, new RelayPathHandlers(seats, traffic), reports, traffic,
                telemetrySockets, config.maxEventBytes(), config.maxEpisodeBytes())
                .attach(server.socketIo().namespace("/"));
        new ProbeNamespace(registry, announcer, boundary, reports, probeKeyCheck, traffic, telemetrySockets,
                config.probeRestoreResetsMugFallback(), config.maxEventBytes())
                .attach(server.socketIo().namespace(ProbeProtocol.NAMESPACE));
        server.addServlet(ProbeProtocol.SCRIPT_PATH, new ProbeScript().servlet());
        hub.limitBacklogs(server::unsentChars, OBSERVER_MAX_UNSENT_CHARS);
        new ObserverNamespace(hub, commands, boundary, tokenCheck, config.maxEventBytes(),
                new ArchiveQueries(archive == null ? null : archive.reader(), archiveReads, boundary))
                .attach(server.socketIo().namespace(ObserverProtocol.NAMESPACE));
    }

    /**
     * Creates the data dir, binds and starts serving. Blocks until listening.
     *
     * @throws IOException when the data dir cannot be created or the port cannot be bound
     * @throws IllegalStateException when called twice
     */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("relay already started; make a new RelayServer to restart");
        }
        started = true;
        Files.createDirectories(config.dataDir());
        episodes.sweepTemporaryFiles();
        server.start();
        if (archive != null) {
            try {
                archive.start("relay " + url());
            } catch (SQLException e) {
                server.close();
                throw new IOException("cannot start the archive: " + e.getMessage(), e);
            }
        }
        long flushMs = config.telemetryFlushInterval().toMillis();
        fanout.scheduleAtFixedRate(this::flushQuietly, flushMs, flushMs, TimeUnit.MILLISECONDS);
        LOG.info("relay listening on {} (data in {})", url(), config.dataDir().toAbsolutePath());
    }

    /** {@code http://HOST:PORT}, the URL peers and observers connect to. Valid after {@link #start()}. */
    public String url() {
        String host = config.host();
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1"; // bound everywhere: loopback is one address that certainly works locally
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** The bound TCP port (the real one when configured with 0). Valid after {@link #start()}. */
    public int port() {
        return server.boundAddress().getPort();
    }

    /** The token observers must present: the configured one, or the one generated at construction. */
    public String observerToken() {
        return observerToken;
    }

    /** The key MUG page probes present on {@code /probe}: the configured one, or one generated at construction. */
    public String probeKey() {
        return probeKey;
    }

    /** Where participants' browsers load the probe: the public URL (or {@link #url()}) + the script path. */
    public String probeScriptUrl() {
        return publicUrl() + ProbeProtocol.SCRIPT_PATH;
    }

    /**
     * The HTML a lab pastes into a MUG scene's {@code scene_body} (works when MUG inserts it with jQuery
     * {@code .html()}): loads the probe from this relay and hands it the relay's public URL and the probe key.
     * Valid after {@link #start()}.
     */
    public String probeSnippet() {
        return ProbeScript.snippet(publicUrl(), probeKey);
    }

    private String publicUrl() {
        return config.publicUrl() != null ? config.publicUrl().replaceAll("/+$", "") : url();
    }

    /** The configuration this relay runs with. */
    public RelayConfig config() {
        return config;
    }

    /** A consistent-enough copy of every counter (each read atomically, not all at one instant). Any thread. */
    public RelayStats stats() {
        return new RelayStats(rejects.snapshot(), traffic.peersConnected.get(), hub.observerCount(), registry.size(),
                traffic.samplesReceived.sum(), hub.samplesDropped(), traffic.actionsRelayed.sum(),
                traffic.undeliverable.sum(), traffic.p2pMessagesRelayed.sum(), traffic.episodesStored.sum(),
                server.refusals());
    }

    /** The archive's counters, or null when the archive is off. */
    public ArchiveStats archiveStats() {
        return archive == null ? null : archive.stats();
    }

    /**
     * Stops serving, closes every connection, lets pending episode writes finish (up to 5 s) and the archive write
     * what it holds (up to 10 s). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        fanout.shutdownNow();
        timers.shutdownNow();
        archiveReads.shutdownNow();
        if (archive != null) {
            archive.close();
        }
        storage.shutdown();
        try {
            if (!storage.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("episode writes still pending after 5 s; abandoning them (their peers were not acked)");
                storage.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("relay stopped");
    }

    /**
     * The HTTP layer's bounds. Frames and polling bodies may be a little larger than the largest event (the
     * Socket.IO envelope), so that an oversized event gets the relay's own {@code oversized} error (limits count
     * UTF-8 bytes exactly) rather than a closed socket; nothing larger is ever read.
     */
    static HttpLimits httpLimits(RelayConfig config) {
        long frameCap = Math.max(config.maxEventBytes(), config.maxEpisodeBytes()) + 64 * 1024;
        return new HttpLimits(config.maxConnections(), config.maxConnectionsPerAddress(), frameCap,
                Math.max(frameCap, HttpLimits.DEFAULT_MAX_BUFFERED_BODY_BYTES), config.httpBodyTimeout(),
                HttpLimits.DEFAULT_IDLE_TIMEOUT, frameCap, config.pingInterval(), config.pingTimeout());
    }

    /**
     * Opens (and upgrades) the archive before anything is bound, so that a database that cannot be reached stops
     * the relay at once with the reason rather than after peers have joined.
     */
    private static SessionArchive openArchive(RelayConfig config, ObserverHub hub) {
        ArchiveConfig settings = config.archive();
        if (!settings.enabled()) {
            return null;
        }
        String url = settings.resolveUrl(config.dataDir());
        try {
            Files.createDirectories(config.dataDir());
            SessionArchive opened = SessionArchive.open(url, settings, hub::publish);
            hub.archiveTo(opened);
            return opened;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the archive at " + ArchiveConfig.redact(url) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Serves one connection that does not come from the network: engine.io's WebSocket transport over whatever
     * {@code connection} writes to, with the same namespaces and handlers (and their token checks) as a real one.
     * For measuring the relay's own work (Socket.IO decoding, handlers, fan-out) without sockets or Jetty, e.g. the
     * bench module's RelayFanOutBenchmark. Works before {@link #start()}. Returns the way in for the connection's
     * text frames, as Jetty's would be: a connection whose headers carry an
     * {@link EmbeddedSocketIoServer#CONNECTION_HEADER} (its own unique id) has its {@code peer_telemetry} parsed once,
     * as a WebSocket's is; any other frame, or any frame of a connection without the header, goes to engine.io.
     */
    public java.util.function.Consumer<String> serveWithoutNetwork(
            io.socket.engineio.server.EngineIoWebSocket connection) {
        return server.serveWithoutNetwork(connection);
    }

    /** {@code peer_telemetry} frames parsed once, without socket.io-server's decoder (TelemetryShortcut). */
    long telemetryParsedOnce() {
        return telemetryShortcut.taken();
    }

    /** For tests only: turns the one-parse way for {@code peer_telemetry} off (every frame as before) or on. */
    void telemetryShortcut(boolean on) {
        telemetryShortcut.enabled(on);
    }

    /**
     * Sends every observer its pending telemetry now, on the calling thread: what {@code relay-fanout} does every
     * flush interval. For benchmarks of a relay that was not started; never call it concurrently with itself.
     */
    public void flushTelemetry() {
        hub.flush();
    }

    private void flushQuietly() {
        try {
            hub.flush();
        } catch (RuntimeException e) {
            LOG.warn("telemetry fan-out failed; continuing", e); // a scheduled task that throws is never run again
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
