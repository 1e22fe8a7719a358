package org.rollscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.game.ReferenceGame;
import org.rollscope.netcode.game.bot.Bot;
import org.rollscope.netcode.game.bot.Bots;
import org.rollscope.netcode.sim.ActionSource;
import org.rollscope.netcode.sim.PeerSummary;
import org.rollscope.netcode.sim.SimulationReport;
import org.rollscope.netcode.sim.Simulator;
import org.rollscope.netcode.transport.LinkProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./rollscope simulate}: two rollback peers in-process over a simulated impaired link on a virtual clock,
 * compared with the same episodes in lockstep. Answers "what will this link do to my session?".
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run two rollback peers playing the reference game in-process, through a simulated link with the given"
                    + " latency, jitter, loss, duplication, reordering and bandwidth (each direction, seeded), on a"
                    + " virtual clock: minutes of play take well under a second, and the same seed gives the same run.",
            "",
            "Writes to --out: peer0_epK.csv and peer1_epK.csv (each peer's confirmed frames of episode K, from 0),"
                    + " lockstep_epK.csv (the same bots and episodes stepped in lockstep with no network), and"
                    + " summary.json (each peer's rollbacks, rollback_frames, max_rollback_depth, stalls,"
                    + " predicted_frames_total, desyncs, verified_frame, ... under telemetry.md names, and whether"
                    + " parity held: peer0 == peer1 == lockstep on every column not prefixed local.).",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:parity held", "1:parity failed or the run did not finish", "2:bad usage"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./rollscope simulate --latency 100 --jitter 30 --loss 0.05 --out /tmp/sim",
            "  ./rollscope simulate --seed 7 --latency 250 --window 8 --episodes 1 --frames 1800 --out /tmp/slow",
            "  ./rollscope simulate --bot scripted --bot idle --reorder 0.1 --duplicate 0.05 --out /tmp/sim2",
        })
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--seed", paramLabel = "S", description = "Run seed: game, bots and link decisions (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--latency", paramLabel = "MS", description = "One-way latency in ms, each direction (default: ${DEFAULT-VALUE}).")
    double latencyMs = 0;

    @Option(names = "--jitter", paramLabel = "MS", description = "Extra delay, uniform in [0, MS], per packet (default: ${DEFAULT-VALUE}).")
    double jitterMs = 0;

    @Option(names = "--loss", paramLabel = "P", description = "Probability a packet is lost, 0..1 (default: ${DEFAULT-VALUE}).")
    double loss = 0;

    @Option(names = "--duplicate", paramLabel = "P", description = "Probability a packet arrives twice, 0..1 (default: ${DEFAULT-VALUE}).")
    double duplicate = 0;

    @Option(names = "--reorder", paramLabel = "P", description = "Probability a packet is held behind the next, 0..1 (default: ${DEFAULT-VALUE}).")
    double reorder = 0;

    @Option(names = "--bandwidth", paramLabel = "KBPS", description = "Sending rate in kbit/s, 0 = unlimited (default: ${DEFAULT-VALUE}).")
    double bandwidthKbps = 0;

    @Option(names = "--input-delay", paramLabel = "N", description = "Input delay in frames (default: ${DEFAULT-VALUE}).")
    int inputDelay = 2;

    @Option(names = "--window", paramLabel = "N", description = "Prediction window in frames (default: ${DEFAULT-VALUE}).")
    int window = 8;

    @Option(names = "--hash-interval", paramLabel = "N", description = "Send a STATE_HASH every N confirmed frames"
            + " (and at each episode end); more saves bandwidth (default: ${DEFAULT-VALUE}).")
    int hashInterval = 1;

    @Option(names = "--episodes", paramLabel = "N", description = "Episodes to play (default: ${DEFAULT-VALUE}).")
    int episodes = 2;

    @Option(names = "--frames", paramLabel = "F", description = "Longest episode in frames (60 per second); a match may end sooner (default: ${DEFAULT-VALUE}).")
    int frames = 3600;

    @Option(names = "--points", paramLabel = "N", description = "Points that win a match and end the episode (default: ${DEFAULT-VALUE}).")
    int pointsToWin = ReferenceGame.Config.DEFAULT.pointsToWin();

    @Option(names = "--bot", paramLabel = "SPEC", description = "Bot of player 0, then of player 1 (give it twice;"
            + " once sets both): random, scripted, idle or replay:FILE (default: random).")
    List<String> bots = List.of();

    @Option(names = "--peer1-clock-rate", paramLabel = "R", description = "Peer 1's clock speed relative to peer 0's,"
            + " e.g. 1.02 (exercises time sync) (default: ${DEFAULT-VALUE}).")
    double peer1ClockRate = 1.0;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the CSVs and summary.json, created if missing (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("simulation");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        LinkProfile link;
        SessionConfig config;
        ReferenceGame.Config gameConfig;
        ActionSource actions;
        try {
            link = new LinkProfile(latencyMs, jitterMs, loss, duplicate, reorder, bandwidthKbps);
            gameConfig = new ReferenceGame.Config(frames, pointsToWin);
            int actionCount = new ReferenceGame(gameConfig).actionCount();
            config = SessionConfig.builder().inputDelay(inputDelay).predictionWindow(window)
                    .hashInterval(hashInterval).actionCount(actionCount).build();
            if (episodes < 1) {
                throw new IllegalArgumentException("--episodes must be >= 1, got " + episodes);
            }
            if (bots.size() > 2) {
                throw new IllegalArgumentException("--bot is given once per player (at most twice), got " + bots);
            }
            if (!(peer1ClockRate >= 0.5 && peer1ClockRate <= 2)) {
                throw new IllegalArgumentException("--peer1-clock-rate must be in [0.5, 2], got " + peer1ClockRate);
            }
            String spec0 = bots.isEmpty() ? "random" : bots.get(0);
            String spec1 = bots.size() < 2 ? spec0 : bots.get(1);
            Bot[] b = {Bots.parse(spec0, seed, 0, actionCount), Bots.parse(spec1, seed, 1, actionCount)};
            actions = (p, e, f) -> b[p].action(e, f);
        } catch (IllegalArgumentException e) {
            stderr.println("simulate: " + e.getMessage());
            stderr.flush();
            return 2;
        }
        Supplier<Game> games = () -> new ReferenceGame(gameConfig);
        double maxVirtualMs = (double) episodes * frames * config.frameMs() * 4 + 120_000;
        Simulator.Options options = Simulator.options().seed(seed).episodes(episodes).link(link).config(config)
                .games(games).actions(actions).clockRates(1.0, peer1ClockRate).maxVirtualMs(maxVirtualMs)
                .progress(line -> {
                    stdout.println(line);
                    stdout.flush();
                });
        stdout.printf(Locale.ROOT, "simulate: %d episode(s) of up to %d frames, link latency %.0f ms, jitter %.0f ms,"
                + " loss %.3f, duplicate %.3f, reorder %.3f, bandwidth %s, input delay %d, window %d, seed %d%n",
                episodes, frames, latencyMs, jitterMs, loss, duplicate, reorder,
                bandwidthKbps > 0 ? String.format(Locale.ROOT, "%.0f kbit/s", bandwidthKbps) : "unlimited",
                inputDelay, window, seed);
        stdout.flush();
        SimulationReport.Outcome o;
        try {
            o = SimulationReport.run(options, games, actions, seed, episodes, config, link, out);
        } catch (IOException e) {
            stderr.println("simulate: cannot write to " + out + ": " + e.getMessage());
            stderr.flush();
            return 1;
        }
        printPeer(stdout, o.result().summary0());
        printPeer(stdout, o.result().summary1());
        if (!o.result().finished()) {
            stdout.printf(Locale.ROOT, "  the peers did not finish within %.0f s of simulated time (a link slower than"
                    + " the peers' traffic, about 35 kbit/s each way at --hash-interval 1, queues without end)%n",
                    maxVirtualMs / 1000);
            stdout.println(o.prefixIdentical()
                    ? "  parity not established (unfinished), but every frame both peers and lockstep have is identical"
                    : "  PARITY FAILED: " + firstNonNull(o.peer0VsPeer1(), o.peer0VsLockstep(), o.peer1VsLockstep()));
        } else if (o.parity()) {
            stdout.println("  parity held: peer0 == peer1 == lockstep on every non-local column");
        } else {
            stdout.println("  PARITY FAILED: " + firstNonNull(o.peer0VsPeer1(), o.peer0VsLockstep(), o.peer1VsLockstep(),
                    "the run did not finish"));
        }
        stdout.printf(Locale.ROOT, "  wrote %d episode CSVs per peer, lockstep CSVs and %s (%.1f s simulated in %.2f s)%n",
                o.lockstep().size(), o.summaryFile(), o.result().virtualMs() / 1000, o.wallMs() / 1000.0);
        stdout.flush();
        return o.parity() ? 0 : 1;
    }

    private static void printPeer(PrintWriter out, PeerSummary s) {
        out.printf(Locale.ROOT, "  peer %d: %d rollbacks (%d frames re-simulated, deepest %d), %d stalls,"
                + " %d predicted frames, %d time-sync waits, %d desyncs, verified to frame %d, rtt %.0f ms,"
                + " %d/%d packets lost%n",
                s.playerId(), s.rollbacks(), s.rollbackFrames(), s.maxRollbackDepth(), s.stalls(),
                s.predictedFramesTotal(), s.timeSyncWaits(), s.desyncs(), s.verifiedFrame(), s.rttMs(),
                s.packetsLost(), s.packetsSent());
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
