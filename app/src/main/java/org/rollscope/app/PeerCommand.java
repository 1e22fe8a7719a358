package org.rollscope.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.peer.PeerResult;
import org.rollscope.netcode.peer.PilotRelayReporter;
import org.rollscope.netcode.transport.ChannelKind;
import org.rollscope.netcode.transport.IceServer;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.game.SlimeAction;
import org.rollscope.netcode.game.bot.Bots;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./rollscope peer}: one headless peer that joins a session on a relay and plays it to the end.
 */
@Command(
        name = "peer",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Join a session on a Rollscope relay and play the reference game with a bot, over rollback netcode: inputs"
                    + " go peer to peer first (UDP, or a WebRTC DataChannel with --transport webrtc) and through the"
                    + " relay as a fallback. Reports telemetry at"
                    + " 10 Hz (peer_telemetry) and MUG's p2p_health_report every 2 s, obeys the operator's commands"
                    + " (force fallback, restore P2P, set link), sends each episode's confirmed data to the relay"
                    + " until it is stored, prints a summary and exits.",
            "",
            "Run two of them against one relay to get a session: the second joins the first's game.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every episode played and stored", "1:the session failed or timed out, or the partner was"
                + " gone (what was confirmed is stored as partial)", "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./rollscope peer --server http://127.0.0.1:8765 --game lab1 --episodes 2 --frames 1800",
            "  ./rollscope peer --server http://127.0.0.1:8765 --bot scripted --link latency=80,jitter=20,loss=0.05",
            "  ./rollscope peer --server http://10.0.0.5:8765 --transport webrtc --ice-server stun:stun.lab.org:3478",
            "  ./rollscope peer --mug https://mug.lab.org --experiment /study1 --bot random   (docs/mug-pilot.md)",
        })
public final class PeerCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "URL", description = "The relay, e.g. http://127.0.0.1:8765 (or --mug).")
    String server;

    @Option(names = "--mug", paramLabel = "URL", description = "Instead of a relay: take part in a real MUG experiment"
            + " as the second player of its two-human game scene (a pilot partner; it does not run the experiment's"
            + " Python environment).")
    String mug;

    @Option(names = "--experiment", paramLabel = "PATH", description = "With --mug: the path the experiment is served"
            + " under on that server (default: /).")
    String experimentPath = "/";

    @Option(names = "--subject", paramLabel = "ID", description = "With --mug: the participant id (must be new to the"
            + " server; default: rollscope-pilot-<random>).")
    String subjectId;

    @Option(names = "--report-to", paramLabel = "URL", description = "With --mug: also report this pilot's telemetry"
            + " to a Rollscope relay (its probe channel), so the console watching that relay shows the pilot's seat"
            + " of the MUG game. Needs --probe-key.")
    String reportTo;

    @Option(names = "--probe-key", paramLabel = "KEY", description = "With --report-to: the relay's probe key (printed"
            + " by 'rollscope relay', probe_key in its --ready-file; not the observer token).")
    String probeKey;

    @Option(names = "--game", paramLabel = "ID", description = "Game to join (created if new); default: the first with an open seat.")
    String gameId;

    @Option(names = "--player", paramLabel = "ID", description = "Seat id to ask for; default: the relay's choice (0, then 1).")
    String playerId;

    @Option(names = "--bot", paramLabel = "BOT", description = "random, scripted, idle or replay:FILE (default: ${DEFAULT-VALUE}).")
    String bot = "random";

    @Option(names = "--seed", paramLabel = "S", description = "Bot seed; default: derived from the session's game seed.")
    Long seed;

    @Option(names = "--fps", paramLabel = "N", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    int fps = 60;

    @Option(names = "--episodes", paramLabel = "N", description = "Episodes to play (default: ${DEFAULT-VALUE}).")
    int episodes = 1;

    @Option(names = "--frames", paramLabel = "F", description = "Frame limit of an episode; the game may end it sooner (default: ${DEFAULT-VALUE}).")
    int frames = 3_600;

    @Option(names = "--points", paramLabel = "N", description = "Points that decide a match and end the episode (default: ${DEFAULT-VALUE}).")
    int points = 15;

    @Option(names = "--link", paramLabel = "SPEC", converter = LinkProfileConverter.class,
            description = "Impairment of this peer's sending side, e.g. latency=80,jitter=20,loss=0.1,duplicate=0.01,"
                    + "reorder=0.05,bandwidth=512 (ms, ms, probabilities, kbit/s). Default: none.")
    LinkProfile link = LinkProfile.PERFECT;

    @Option(names = "--input-delay", paramLabel = "N", description = "Input delay in frames (default: ${DEFAULT-VALUE}).")
    int inputDelay = 2;

    @Option(names = "--export", paramLabel = "DIR", description = "Also write this peer's episode CSVs here.")
    Path exportDir;

    @Option(names = "--bind", paramLabel = "HOST", description = "Interface for the UDP socket; default: the relay URL's host.")
    String bindHost;

    @Option(names = "--transport", paramLabel = "KIND", description = "The P2P channel: udp or webrtc (a DataChannel, as"
            + " MUG's browsers use; crosses NATs with --ice-server). Default: ${DEFAULT-VALUE}.")
    String transport = "udp";

    @Option(names = "--ice-server", paramLabel = "SPEC", description = "A STUN or TURN server for --transport webrtc,"
            + " repeatable: stun:HOST:PORT or turn:HOST:PORT,username=U,credential=C. Default: none (host candidates"
            + " only: both peers on one network, offline).")
    java.util.List<String> iceServers = new java.util.ArrayList<>();

    @Option(names = "--partner-timeout", paramLabel = "SECONDS", description = "When the other player makes no"
            + " progress for this long (killed, lost both paths), end the episode, store what was confirmed as"
            + " <player>_ep<K>.partial.csv and exit 1; 0 = wait for ever (default: ${DEFAULT-VALUE}; docs/peer.md).")
    long partnerTimeoutSeconds = 15;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up after this long; 0 = never (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 0;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((server == null) == (mug == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give either --server URL (a Rollscope"
                    + " relay) or --mug URL (a MUG experiment)");
        }
        CliChecks.httpUrl(spec, server != null ? "--server" : "--mug", server != null ? server : mug);
        if (reportTo != null || probeKey != null) {
            if (mug == null || reportTo == null || probeKey == null || probeKey.isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--report-to URL and --probe-key KEY"
                        + " go together, with --mug");
            }
            CliChecks.httpUrl(spec, "--report-to", reportTo);
        }
        if (bindHost != null) {
            CliChecks.localAddress(spec, "--bind", bindHost);
        }
        try {
            Bots.parse(bot, 0, 0, SlimeAction.COUNT); // an unknown bot is a usage error before joining
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bot: " + e.getMessage());
        }
        PeerConfig config;
        try {
            config = PeerConfig.builder(server != null ? server : mug).gameId(gameId).playerId(playerId).bot(bot).botSeed(seed).fps(fps)
                    .episodes(episodes).framesPerEpisode(frames).pointsToWin(points).link(link).inputDelay(inputDelay)
                    .exportDir(exportDir).bindHost(bindHost).channel(ChannelKind.parse(transport))
                    .iceServers(iceServers.stream().map(IceServer::parse).toList())
                    .partnerTimeout(java.time.Duration.ofSeconds(partnerTimeoutSeconds)).build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        long deadline = timeoutSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds) : Long.MAX_VALUE;
        if (mug != null) {
            return new MugPilotRun(out, err, deadline, timeoutSeconds).run(experimentUri(), subjectId, config,
                    reportTo == null ? null : new PilotRelayReporter(reportTo, probeKey));
        }
        try (HeadlessPeer peer = new HeadlessPeer(config).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(peer::close, "peer-shutdown"));
            while (true) {
                try {
                    PeerResult r = peer.finished().get(2, TimeUnit.SECONDS);
                    out.printf(Locale.ROOT, "%s: game %s player %s: %d episodes stored%s, %d rollbacks (deepest %d),"
                                    + " %d stalls, %d desyncs, inputs %d by P2P / %d by relay, %d P2P datagrams"
                                    + " dropped, %d inputs dropped as too far ahead%n",
                            r.partnerGone() ? "partner gone" : "done", r.gameId(), r.playerId(), r.episodesStored(),
                            r.partnerGone() ? " (the last one partial)" : "", r.rollbacks(), r.maxRollbackDepth(),
                            r.stalls(), r.desyncs(), r.inputsSentP2p(), r.inputsSentRelay(), r.datagramsDropped(),
                            r.inputsDroppedAhead());
                    out.flush();
                    return r.desyncs() == 0 && !r.partnerGone() ? 0 : 1;
                } catch (TimeoutException stillPlaying) {
                    progress(err, peer);
                    if (System.nanoTime() > deadline) {
                        err.println("peer: gave up after " + timeoutSeconds + " s");
                        return 1;
                    }
                } catch (ExecutionException e) {
                    err.println("peer: the session failed: " + e.getCause());
                    return 1;
                }
            }
        }
    }

    private java.net.URI experimentUri() {
        String path = experimentPath.startsWith("/") ? experimentPath : "/" + experimentPath;
        try {
            return java.net.URI.create(mug.replaceAll("/+$", "") + path);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "not a URL: " + mug + path);
        }
    }

    private static void progress(PrintWriter err, HeadlessPeer peer) {
        PeerSample s = peer.latestSample();
        if (s == null) {
            err.println(peer.relayConnected() ? "waiting for the other player..." : "connecting to the relay...");
        } else {
            err.printf(Locale.ROOT, "%s episode %d frame %d (confirmed %d), %s (%s), rtt %s ms, rollbacks %d%n",
                    s.state(), s.episode(), s.frame(), s.confirmedFrame(), s.transport(), s.transportReason(),
                    s.rttMs() == null ? "-" : String.format(Locale.ROOT, "%.0f", s.rttMs()), s.rollbacks());
        }
        err.flush();
    }
}
