package org.rollscope.netcode.load;

import java.time.Duration;
import org.rollscope.netcode.relay.RelayConfig;
import java.util.Objects;

/**
 * What a load run does. Immutable; checked on construction (IllegalArgumentException naming the bad value).
 *
 * @param sessions simulated sessions, two peers (two Socket.IO connections) each
 * @param rateHz telemetry samples per second per peer
 * @param observers observer connections, each of which should receive every sample
 * @param warmup how long the peers emit before the measurement starts (JIT compilation and connection set-up make
 *     the first seconds unrepresentative); its samples are still checked for drops, their latency reported apart
 * @param duration how long the measurement lasts after the warm-up
 * @param switchCommands force_fallback commands timed during the run (0: no switch measurement)
 * @param actionFps frames per second at which a fallen-back simulated peer relays its inputs
 * @param serverUrl the relay to load (loopback only), or {@code null} to start an embedded one on 127.0.0.1 port 0
 * @param token that relay's observer token ({@code null} with an embedded relay)
 * @param drainTimeout how long to wait after the last send for the observers to receive what is still in flight
 * @param headlessSwitchPeers time the switch with two real headless peers (rollback engine, UDP channel, fallback
 *     policy) playing one extra session, instead of the telemetry-only simulated peers
 */
public record LoadConfig(
        int sessions,
        double rateHz,
        int observers,
        Duration warmup,
        Duration duration,
        int switchCommands,
        int actionFps,
        String serverUrl,
        String token,
        Duration drainTimeout,
        boolean headlessSwitchPeers) {

    /** A run whose switch is timed with the telemetry-only simulated peers. */
    public LoadConfig(int sessions, double rateHz, int observers, Duration warmup, Duration duration,
                      int switchCommands, int actionFps, String serverUrl, String token, Duration drainTimeout) {
        this(sessions, rateHz, observers, warmup, duration, switchCommands, actionFps, serverUrl, token,
                drainTimeout, false);
    }

    /** Sessions, rate and observers of the relay's target (issue 3): 100 sessions, 200 peers, 10 Hz, 3 observers. */
    public static final int TARGET_SESSIONS = 100;
    public static final double TARGET_RATE_HZ = 10;
    public static final int TARGET_OBSERVERS = 3;
    /** The delivery latency target: p99 under 50 ms, with zero drops. */
    public static final double TARGET_DELIVERY_P99_MS = 50;
    /** The switch latency target: force_fallback to the first relayed input, p99 under 100 ms on loopback. */
    public static final double TARGET_SWITCH_P99_MS = 100;

    /** Upper bounds that keep a mistyped command from flooding the machine: the run is bounded in count and time. */
    public static final int MAX_SESSIONS = 2000;
    public static final double MAX_RATE_HZ = 100;
    public static final int MAX_OBSERVERS = 50;
    public static final Duration MAX_DURATION = Duration.ofMinutes(30);
    public static final int MAX_SWITCH_COMMANDS = 10_000;

    public LoadConfig {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        if (warmup.isNegative() || warmup.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("warm-up must be between 0 and " + MAX_DURATION.toMinutes()
                    + " min, got " + warmup.toMillis() + " ms");
        }
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        if (sessions < 1 || sessions > MAX_SESSIONS) {
            throw new IllegalArgumentException("sessions must be in [1, " + MAX_SESSIONS + "], got " + sessions);
        }
        if (!(rateHz > 0) || rateHz > MAX_RATE_HZ) {
            throw new IllegalArgumentException("rate must be in (0, " + MAX_RATE_HZ + "] Hz, got " + rateHz);
        }
        if (observers < 1 || observers > MAX_OBSERVERS) {
            throw new IllegalArgumentException("observers must be in [1, " + MAX_OBSERVERS + "], got " + observers);
        }
        if (duration.toMillis() < 100 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be between 0.1 s and " + MAX_DURATION.toMinutes()
                    + " min, got " + duration.toMillis() + " ms");
        }
        if (switchCommands < 0 || switchCommands > MAX_SWITCH_COMMANDS) {
            throw new IllegalArgumentException("switch commands must be in [0, " + MAX_SWITCH_COMMANDS + "], got "
                    + switchCommands);
        }
        if (actionFps < 1 || actionFps > 240) {
            throw new IllegalArgumentException("action fps must be in [1, 240], got " + actionFps);
        }
        if ((serverUrl == null) != (token == null)) {
            throw new IllegalArgumentException("an external relay needs both its URL and its observer token");
        }
        if (serverUrl != null && !isLoopback(serverUrl)) {
            throw new IllegalArgumentException("load runs against a relay on this machine only (127.0.0.1, ::1, "
                    + "localhost), got " + serverUrl);
        }
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("drain timeout must be >= 0");
        }
    }

    /** A load generator must not be pointed at someone else's server by a typo: loopback URLs only. */
    static boolean isLoopback(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            String host = uri.getHost();
            if (host == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return false;
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return "localhost".equalsIgnoreCase(host) || java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Peers (connections) in the run: two per session. */
    public int peers() {
        return sessions * 2;
    }

    /** Samples each peer sends at most (warm-up included): the run is bounded in count as well as in time. */
    public int samplesPerPeer() {
        return (int) Math.ceil(rateHz * (warmup.toMillis() + duration.toMillis()) / 1000.0) + 1;
    }

    /** Whether this run is at least the load of the relay's target, so that its verdict speaks for the target. */
    public boolean atTargetLoad() {
        return sessions >= TARGET_SESSIONS && rateHz >= TARGET_RATE_HZ && observers >= TARGET_OBSERVERS;
    }

    /** Whether the driver starts its own relay in-process. */
    /**
     * The per-address event rate a relay needs to admit this run: every peer connects from loopback, one address, and
     * at 500 sessions x 10 Hz their 10,000 samples a second alone exceed the relay's default (8000). Twice the
     * samples, one session relaying inputs, and room for the observers; never below the default.
     */
    public double relayEventsPerSecondPerAddress() {
        return relayEventsPerSecondPerAddress(sessions, rateHz, actionFps);
    }

    /** As {@link #relayEventsPerSecondPerAddress()}, before the options are checked. */
    public static double relayEventsPerSecondPerAddress(int sessions, double rateHz, int actionFps) {
        return Math.max(RelayConfig.DEFAULT_EVENTS_PER_SECOND_PER_ADDRESS,
                2 * (2.0 * sessions) * rateHz + 2.0 * actionFps + 1000);
    }

    public boolean embedded() {
        return serverUrl == null;
    }
}
