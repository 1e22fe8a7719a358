package org.rollscope.netcode.relay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.rollscope.netcode.relay.embed.HttpLimits;
import org.rollscope.netcode.archive.ArchiveConfig;

/**
 * Settings of a {@link RelayServer}. Immutable; build with {@link #builder()}.
 *
 * @param host interface to bind; loopback by default so that a lab machine exposes nothing unless asked
 * @param port TCP port, 0 for an ephemeral one
 * @param dataDir where episode CSVs and events.jsonl go, one directory per game
 * @param observerToken the observers' access token, or {@code null} to generate one at start
 * @param commandTimeout how long an observer command waits for the peers' acknowledgements
 * @param maxEventBytes largest payload accepted for any event but {@code emit_episode_data}
 * @param maxEpisodeBytes largest {@code emit_episode_data} payload
 * @param eventsPerSecond sustained events per second per connection before {@code rate_limited}
 * @param eventBurst events a connection may send in a burst above that rate
 * @param eventRingCapacity recent events kept per session for snapshots
 * @param observerQueueCapacity samples queued per observer between two batches; beyond it the oldest are dropped
 * @param telemetryFlushInterval how often queued samples go out to observers (telemetry.md: at most 100 ms late)
 * @param maxEndedSessions ended sessions kept in memory for snapshots and re-takes; older ones are forgotten
 * @param maxConnections open TCP connections in all (HTTP and WebSocket); new ones beyond it are closed at once
 * @param maxConnectionsPerAddress open TCP connections from one IP address: high, because a campus NAT puts many
 *     participants and their MUG pages' probes behind one address; below maxConnections so one address cannot take
 *     them all
 * @param eventsPerSecondPerAddress events per second from all connections of one IP address together, so that many
 *     connections each under eventsPerSecond cannot flood the relay
 * @param maxLiveGames games not yet ended; a join that would create one more is refused with limit_reached
 * @param maxEpisodesPerSeat episode numbers a seat may store (0 to this - 1)
 * @param maxJournalBytes size of one game's events.jsonl; beyond it peer events are refused with limit_reached and
 *     observers are told once
 * @param httpBodyTimeout the longest a long-polling request body may take to arrive (read without holding a thread)
 * @param openSeats MUG-style seats: no seat token is needed to re-take a seat (whoever knows a game and player id
 *     can); off by default
 * @param archive whether and where every sample and event is kept (docs/archive.md); off unless asked for
 * @param probeKey the key MUG page probes present on {@code /probe}, or {@code null} to generate one at start. Not the
 *     observer token: it is pasted into a MUG scene, so every participant can read it (it lets a page report for its
 *     own seat and nothing else)
 * @param probeRestoreResetsMugFallback whether probes may carry out {@code restore_p2p} by clearing MUG's fallback
 *     latch ({@code p2pMetrics.p2pFallbackTriggered}), which MUG itself never resets; off unless a lab asks
 * @param publicUrl the relay's URL as participants' browsers reach it (e.g. {@code https://lab.example.org/rollscope}
 *     behind a TLS proxy), used in the probe snippet; {@code null} means {@link RelayServer#url()}
 * @param pingInterval how often engine.io pings each connection (the next ping is sent once the last was answered)
 * @param pingTimeout how long engine.io waits for the answer (or any other packet) before closing the connection
 */
public record RelayConfig(
        String host,
        int port,
        Path dataDir,
        String observerToken,
        Duration commandTimeout,
        long maxEventBytes,
        long maxEpisodeBytes,
        double eventsPerSecond,
        double eventBurst,
        int eventRingCapacity,
        int observerQueueCapacity,
        Duration telemetryFlushInterval,
        int maxEndedSessions,
        int maxConnections,
        int maxConnectionsPerAddress,
        double eventsPerSecondPerAddress,
        int maxLiveGames,
        int maxEpisodesPerSeat,
        long maxJournalBytes,
        boolean openSeats,
        Duration httpBodyTimeout,
        ArchiveConfig archive,
        String probeKey,
        boolean probeRestoreResetsMugFallback,
        String publicUrl,
        Duration pingInterval,
        Duration pingTimeout) {

    /** Loopback only, unless the operator binds elsewhere on purpose. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Long enough for a peer busy with a rollback burst, short enough for a script to notice a dead peer. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(3);
    /** A sample is ~1 KB and an action far less; 64 KiB leaves room for signalling blobs. */
    public static final long DEFAULT_MAX_EVENT_BYTES = 64 * 1024;
    /** A 10-minute episode at 60 fps with ~40 columns is a few MB of CSV. */
    public static final long DEFAULT_MAX_EPISODE_BYTES = 32L * 1024 * 1024;
    /** A peer sends ~60 actions + 60 P2P control messages + 10 samples a second at most; 300 leaves headroom. */
    public static final double DEFAULT_EVENTS_PER_SECOND = 300;
    public static final double DEFAULT_EVENT_BURST = 600;
    /** 10 Hz × 2 peers × 100 ms batches is 2 samples per session; 4096 covers hundreds of sessions per batch. */
    public static final int DEFAULT_OBSERVER_QUEUE_CAPACITY = 4096;
    /**
     * A quarter of the 100 ms the spec allows. A sample waits up to one interval for its batch, so this bounds the
     * relay's share of delivery latency; at 50 ms that share alone put the p99 of {@code rollscope load} at ~60 ms
     * against a 50 ms target. Twice the batches cost little: a batch is one send per observer.
     */
    public static final Duration DEFAULT_TELEMETRY_FLUSH_INTERVAL = Duration.ofMillis(25);

    /** A lab behind one NAT: 40 peers at ~130 events/s is 5,200; a flood of many connections is cut here. */
    public static final double DEFAULT_EVENTS_PER_SECOND_PER_ADDRESS = 8000;
    /** Far above any lab's concurrent sessions; bounds memory and directories under a churn of joins. */
    public static final int DEFAULT_MAX_LIVE_GAMES = 5000;
    /** A session of 10,000 episodes is far beyond any experiment; bounds files per seat. */
    public static final int DEFAULT_MAX_EPISODES_PER_SEAT = 10_000;
    /** A busy session journals a few hundred KB; 16 MiB bounds a peer that floods events. */
    public static final long DEFAULT_MAX_JOURNAL_BYTES = 16L * 1024 * 1024;
    /** Engine.io's ping interval: a peer that stops answering is noticed within interval + timeout (10 s). */
    public static final Duration DEFAULT_PING_INTERVAL = HttpLimits.DEFAULT_PING_INTERVAL;
    public static final Duration DEFAULT_PING_TIMEOUT = HttpLimits.DEFAULT_PING_TIMEOUT;

    public RelayConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(telemetryFlushInterval, "telemetryFlushInterval");
        Objects.requireNonNull(archive, "archive");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        if (observerToken != null && observerToken.isBlank()) {
            throw new IllegalArgumentException("observer token must not be blank");
        }
        requirePositive("commandTimeout", commandTimeout.toMillis());
        requirePositive("maxEventBytes", maxEventBytes);
        requirePositive("maxEpisodeBytes", maxEpisodeBytes);
        requirePositive("eventsPerSecond", eventsPerSecond);
        if (eventBurst < 1) {
            throw new IllegalArgumentException("eventBurst must be >= 1, got " + eventBurst);
        }
        requirePositive("eventRingCapacity", eventRingCapacity);
        requirePositive("observerQueueCapacity", observerQueueCapacity);
        requirePositive("telemetryFlushInterval", telemetryFlushInterval.toMillis());
        if (telemetryFlushInterval.toMillis() > 100) {
            throw new IllegalArgumentException("telemetryFlushInterval must be <= 100 ms (telemetry.md §3)");
        }
        requirePositive("maxConnections", maxConnections);
        requirePositive("maxConnectionsPerAddress", maxConnectionsPerAddress);
        if (maxConnectionsPerAddress > maxConnections) {
            throw new IllegalArgumentException("maxConnectionsPerAddress (" + maxConnectionsPerAddress
                    + ") must be <= maxConnections (" + maxConnections + ")");
        }
        requirePositive("eventsPerSecondPerAddress", eventsPerSecondPerAddress);
        requirePositive("maxLiveGames", maxLiveGames);
        requirePositive("maxEpisodesPerSeat", maxEpisodesPerSeat);
        requirePositive("maxJournalBytes", maxJournalBytes);
        Objects.requireNonNull(httpBodyTimeout, "httpBodyTimeout");
        requirePositive("httpBodyTimeout", httpBodyTimeout.toMillis());
        if (probeKey != null && probeKey.isBlank()) {
            throw new IllegalArgumentException("probe key must not be blank");
        }
        if (publicUrl != null && !publicUrl.matches("https?://[^\\s\"'<>]+")) {
            throw new IllegalArgumentException("public URL must be an http:// or https:// URL, got " + publicUrl);
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        requirePositive("pingInterval", pingInterval.toMillis());
        requirePositive("pingTimeout", pingTimeout.toMillis());
        if (maxEndedSessions < 0) {
            throw new IllegalArgumentException("maxEndedSessions must be >= 0, got " + maxEndedSessions);
        }
    }

    /** A builder with the defaults above, port 0 and data dir {@code ./relay-data}. */
    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private Path dataDir = Path.of("relay-data");
        private String observerToken;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private long maxEventBytes = DEFAULT_MAX_EVENT_BYTES;
        private long maxEpisodeBytes = DEFAULT_MAX_EPISODE_BYTES;
        private double eventsPerSecond = DEFAULT_EVENTS_PER_SECOND;
        private double eventBurst = DEFAULT_EVENT_BURST;
        private int eventRingCapacity = 200;
        private int observerQueueCapacity = DEFAULT_OBSERVER_QUEUE_CAPACITY;
        private Duration telemetryFlushInterval = DEFAULT_TELEMETRY_FLUSH_INTERVAL;
        private int maxEndedSessions = 1000;
        private int maxConnections = HttpLimits.DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = HttpLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private double eventsPerSecondPerAddress = DEFAULT_EVENTS_PER_SECOND_PER_ADDRESS;
        private int maxLiveGames = DEFAULT_MAX_LIVE_GAMES;
        private int maxEpisodesPerSeat = DEFAULT_MAX_EPISODES_PER_SEAT;
        private long maxJournalBytes = DEFAULT_MAX_JOURNAL_BYTES;
        private boolean openSeats = false;
        private Duration httpBodyTimeout = HttpLimits.DEFAULT_BODY_TIMEOUT;
        private ArchiveConfig archive = ArchiveConfig.OFF;
        private String probeKey;
        private boolean probeRestoreResetsMugFallback;
        private String publicUrl;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration pingTimeout = DEFAULT_PING_TIMEOUT;

        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder observerToken(String value) { observerToken = value; return this; }
        public Builder commandTimeout(Duration value) { commandTimeout = value; return this; }
        public Builder maxEventBytes(long value) { maxEventBytes = value; return this; }
        public Builder maxEpisodeBytes(long value) { maxEpisodeBytes = value; return this; }
        public Builder eventsPerSecond(double value) { eventsPerSecond = value; return this; }
        public Builder eventBurst(double value) { eventBurst = value; return this; }
        public Builder eventRingCapacity(int value) { eventRingCapacity = value; return this; }
        public Builder observerQueueCapacity(int value) { observerQueueCapacity = value; return this; }
        public Builder telemetryFlushInterval(Duration value) { telemetryFlushInterval = value; return this; }
        public Builder maxEndedSessions(int value) { maxEndedSessions = value; return this; }
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        public Builder maxConnectionsPerAddress(int value) { maxConnectionsPerAddress = value; return this; }
        public Builder eventsPerSecondPerAddress(double value) { eventsPerSecondPerAddress = value; return this; }
        public Builder maxLiveGames(int value) { maxLiveGames = value; return this; }
        public Builder maxEpisodesPerSeat(int value) { maxEpisodesPerSeat = value; return this; }
        public Builder maxJournalBytes(long value) { maxJournalBytes = value; return this; }
        public Builder openSeats(boolean value) { openSeats = value; return this; }
        public Builder httpBodyTimeout(Duration value) { httpBodyTimeout = value; return this; }
        public Builder archive(ArchiveConfig value) { archive = value; return this; }
        public Builder probeKey(String value) { probeKey = value; return this; }
        public Builder probeRestoreResetsMugFallback(boolean value) { probeRestoreResetsMugFallback = value; return this; }
        public Builder publicUrl(String value) { publicUrl = value; return this; }
        public Builder pingInterval(Duration value) { pingInterval = value; return this; }
        public Builder pingTimeout(Duration value) { pingTimeout = value; return this; }

        /** Throws IllegalArgumentException naming the first bad value. */
        public RelayConfig build() {
            return new RelayConfig(host, port, dataDir, observerToken, commandTimeout, maxEventBytes, maxEpisodeBytes,
                    eventsPerSecond, eventBurst, eventRingCapacity, observerQueueCapacity, telemetryFlushInterval,
                    maxEndedSessions, maxConnections, maxConnectionsPerAddress, eventsPerSecondPerAddress,
                    maxLiveGames, maxEpisodesPerSeat, maxJournalBytes, openSeats,
                    httpBodyTimeout, archive, probeKey, probeRestoreResetsMugFallback, publicUrl,
                    pingInterval, pingTimeout);
        }
    }
}
