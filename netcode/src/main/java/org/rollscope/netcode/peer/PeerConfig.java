package org.rollscope.netcode.peer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.rollscope.netcode.game.ReferenceGame;
import org.rollscope.netcode.protocol.PeerEndpoint;
import org.rollscope.netcode.transport.ChannelKind;
import org.rollscope.netcode.transport.FallbackThresholds;
import org.rollscope.netcode.transport.IceServer;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * Settings of one headless peer ({@code rollscope peer}).
 *
 * @param server the relay's URL
 * @param gameId game to join, or null for the first with an open seat
 * @param playerId seat id to ask for, or null for the relay's choice
 * @param bot bot spec: {@code random}, {@code scripted}, {@code idle} or {@code replay:FILE}
 * @param botSeed seed of a random bot, or null to derive it from the session's game seed
 * @param fps frames per second
 * @param episodes episodes to play (≥ 1)
 * @param framesPerEpisode frame limit of an episode (the game may end it sooner)
 * @param pointsToWin points that decide a match and end the episode
 * @param inputDelay frames between sampling an input and the frame it applies to
 * @param link impairment of this peer's sending side on the peer-to-peer channel
 * @param exportDir where to also write this peer's episode CSVs, or null
 * @param bindHost interface for the UDP socket, or null for the relay URL's host (WebRTC uses every non-loopback one)
 * @param thresholds fallback policy thresholds
 * @param p2pFailAfter silence after which the channel counts as failed
 * @param telemetryInterval how often a {@code peer_telemetry} sample is sent (10 Hz by default)
 * @param healthReportInterval how often MUG's {@code p2p_health_report} is sent (2 s)
 * @param channel what carries the peer-to-peer channel: UDP or a WebRTC DataChannel
 * @param iceServers STUN/TURN servers of a WebRTC channel (none by default: host candidates, offline)
 * @param partnerTimeout no progress for this long means the partner is gone: the episode ends and what was confirmed
 *     is uploaded as partial (15 s by default; zero waits for ever; docs/peer.md)
 */
public record PeerConfig(String server, String gameId, String playerId, String bot, Long botSeed, int fps,
        int episodes, int framesPerEpisode, int pointsToWin, int inputDelay, LinkProfile link, Path exportDir, String bindHost,
        FallbackThresholds thresholds, Duration p2pFailAfter, Duration telemetryInterval,
        Duration healthReportInterval, ChannelKind channel, List<IceServer> iceServers, Duration partnerTimeout) {

    public PeerConfig {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(partnerTimeout, "partnerTimeout");
        if (partnerTimeout.isNegative()) {
            throw new IllegalArgumentException("partner timeout must be >= 0, got " + partnerTimeout);
        }
        iceServers = List.copyOf(iceServers);
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(thresholds, "thresholds");
        requireRange("fps", fps, 1, 1_000);
        requireRange("episodes", episodes, 1, 1_000_000);
        requireRange("frames", framesPerEpisode, 1, Integer.MAX_VALUE);
        requireRange("points", pointsToWin, 1, Integer.MAX_VALUE);
        requireRange("input delay", inputDelay, 0, 16);
    }

    /** Defaults for everything but the relay URL: random bot, 60 fps, 1 episode of 3,600 frames, delay 2. */
    public static Builder builder(String server) {
        return new Builder(server);
    }

    public Builder toBuilder() {
        Builder b = new Builder(server);
        b.gameId = gameId;
        b.playerId = playerId;
        b.bot = bot;
        b.botSeed = botSeed;
        b.fps = fps;
        b.episodes = episodes;
        b.framesPerEpisode = framesPerEpisode;
        b.pointsToWin = pointsToWin;
        b.inputDelay = inputDelay;
        b.link = link;
        b.exportDir = exportDir;
        b.bindHost = bindHost;
        b.thresholds = thresholds;
        b.p2pFailAfter = p2pFailAfter;
        b.telemetryInterval = telemetryInterval;
        b.healthReportInterval = healthReportInterval;
        b.channel = channel;
        b.iceServers = iceServers;
        b.partnerTimeout = partnerTimeout;
        return b;
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    /** Builder with the defaults listed on {@link #builder}. */
    public static final class Builder {
        private final String server;
        private String gameId;
        private String playerId;
        private String bot = "random";
        private Long botSeed;
        private int fps = 60;
        private int episodes = 1;
        private int framesPerEpisode = 3_600;
        private int pointsToWin = ReferenceGame.Config.DEFAULT.pointsToWin();
        private int inputDelay = 2;
        private LinkProfile link = LinkProfile.PERFECT;
        private Path exportDir;
        private String bindHost;
        private FallbackThresholds thresholds = FallbackThresholds.DEFAULTS;
        private Duration p2pFailAfter = PeerEndpoint.DEFAULT_FAIL_AFTER;
        private Duration telemetryInterval = Duration.ofMillis(100);
        private Duration healthReportInterval = Duration.ofSeconds(2);
        private ChannelKind channel = ChannelKind.UDP;
        private List<IceServer> iceServers = List.of();
        private Duration partnerTimeout = PartnerWatch.DEFAULT_TIMEOUT;

        private Builder(String server) {
            this.server = server;
        }

        public Builder gameId(String v) { gameId = v; return this; }
        public Builder playerId(String v) { playerId = v; return this; }
        public Builder bot(String v) { bot = v; return this; }
        public Builder botSeed(Long v) { botSeed = v; return this; }
        public Builder fps(int v) { fps = v; return this; }
        public Builder episodes(int v) { episodes = v; return this; }
        public Builder framesPerEpisode(int v) { framesPerEpisode = v; return this; }
        public Builder pointsToWin(int v) { pointsToWin = v; return this; }
        public Builder inputDelay(int v) { inputDelay = v; return this; }
        public Builder link(LinkProfile v) { link = v; return this; }
        public Builder exportDir(Path v) { exportDir = v; return this; }
        public Builder bindHost(String v) { bindHost = v; return this; }
        public Builder thresholds(FallbackThresholds v) { thresholds = v; return this; }
        public Builder p2pFailAfter(Duration v) { p2pFailAfter = v; return this; }
        public Builder telemetryInterval(Duration v) { telemetryInterval = v; return this; }
        public Builder healthReportInterval(Duration v) { healthReportInterval = v; return this; }
        public Builder channel(ChannelKind v) { channel = v; return this; }
        public Builder iceServers(List<IceServer> v) { iceServers = v; return this; }
        public Builder partnerTimeout(Duration v) { partnerTimeout = v; return this; }

        public PeerConfig build() {
            return new PeerConfig(server, gameId, playerId, bot, botSeed, fps, episodes, framesPerEpisode,
                    pointsToWin, inputDelay, link, exportDir, bindHost, thresholds, p2pFailAfter, telemetryInterval,
                    healthReportInterval, channel, iceServers, partnerTimeout);
        }
    }
}
