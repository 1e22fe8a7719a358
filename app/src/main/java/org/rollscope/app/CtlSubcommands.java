package org.rollscope.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.List;
import org.rollscope.netcode.observer.SessionObserver;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.mug.MugListener;
import org.rollscope.netcode.mug.MugPeerReport;
import org.rollscope.netcode.observer.ConnectionState;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionsSnapshot;
import org.rollscope.netcode.observer.TelemetryBatch;
import org.rollscope.netcode.transport.LinkProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The subcommands of {@code rollscope ctl}, one class each. */
final class CtlSubcommands {
    private CtlSubcommands() {
    }

    /** Options naming a game and, optionally, one seat. */
    static final class Target {
        @Option(names = "--game", required = true, paramLabel = "G", description = "The game id.")
        String game;

        @Option(names = "--player", paramLabel = "P", description = "One player id (default: every seat).")
        String player;
    }

    @Command(name = "sessions", mixinStandardHelpOptions = true,
            description = "Print the sessions (players, latest samples or MUG health, recent events) as JSON.")
    static final class Sessions implements Callable<Integer> {
        @ParentCommand CtlCommand ctl;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            SessionObserver client = ctl.connect(spec, null);
            if (client == null) {
                return 1;
            }
            try {
                spec.commandLine().getOut().println(CtlCommand.pretty(client.lastSnapshot()));
                return 0;
            } finally {
                client.close();
            }
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Stream snapshots, samples and events as JSON lines on stdout until Ctrl-C: "
                    + "{\"type\":\"snapshot\",...}, {\"type\":\"sample\",...}, {\"type\":\"event\",...}. "
                    + "Connection changes go to stderr; the relay's restarts are followed. With --mug: a snapshot "
                    + "when the sessions change, a sample per new MUG health report (source \"mug\", fields MUG "
                    + "does not report are null), and MUG's activity and problems as events.")
    static final class Watch implements Callable<Integer> {
        @ParentCommand CtlCommand ctl;
        @Spec CommandSpec spec;

        @Option(names = "--seconds", defaultValue = "0", description = "Stop after this long (default: never).")
        long seconds;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            boolean mug = ctl.mug(spec);
            MugListener printer = new MugListener() {
                private String lastShape; // null: print the next snapshot

                @Override
                public void onSnapshot(SessionsSnapshot snapshot) {
                    // MUG resends everything every second: print a snapshot only when the sessions changed.
                    String shape = mug ? shapeOf(snapshot) : null;
                    if (!mug || !shape.equals(lastShape)) {
                        lastShape = shape;
                        print(CtlCommand.jsonLine("snapshot", snapshot));
                    }
                }

                @Override
                public void onMugReports(List<MugPeerReport> reports) {
                    for (MugPeerReport report : reports) {
                        print(CtlCommand.jsonLine("sample", report.toTelemetryRow()));
                    }
                }

                @Override
                public void onTelemetry(TelemetryBatch batch) {
                    for (PeerSample sample : batch.samples()) {
                        print(CtlCommand.jsonLine("sample", sample));
                    }
                    if (batch.dropped() > 0) {
                        err.println("rollscope ctl: the relay dropped " + batch.dropped() + " samples for us");
                    }
                }

                @Override
                public void onSessionEvent(SessionEvent event) {
                    print(CtlCommand.jsonLine("event", event));
                }

                @Override
                public void onConnectionState(ConnectionState state, String detail) {
                    if (state == ConnectionState.CONNECTED) {
                        lastShape = null; // a fresh picture after every (re)connect
                    }
                    err.println("rollscope ctl: " + state.name().toLowerCase() + " (" + detail + ")");
                    err.flush();
                }

                private void print(String line) {
                    out.println(line);
                    out.flush();
                }
            };
            if (seconds < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--seconds must be >= 0 (0: until stopped), got " + seconds);
            }
            SessionObserver client = ctl.connect(spec, printer);
            if (client == null) {
                return 1;
            }
            try {
                CtlCommand.waitFor(seconds);
                return 0;
            } finally {
                client.close();
            }
        }
    }

    /** What a watcher should see change: sessions, ended flags, seats, connection and report status. */
    static String shapeOf(SessionsSnapshot snapshot) {
        StringBuilder shape = new StringBuilder();
        snapshot.sessions().forEach(session -> {
            shape.append(session.gameId()).append(session.ended() ? "!" : "").append('[');
            session.players().forEach(p -> shape.append(p.playerId()).append(p.connected() ? "+" : "-")
                    .append(p.health() == null ? "" : p.health().get("report_status")).append(','));
            shape.append(']');
        });
        return shape.toString();
    }

    @Command(name = "force-fallback", mixinStandardHelpOptions = true,
            description = "Force a seat's (or every seat's) inputs onto the relay; waits for the peers' ack.")
    static final class ForceFallback implements Callable<Integer> {
        @ParentCommand CtlCommand ctl;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Target target = new Target();

        @Override
        public Integer call() {
            return ctl.runCommand(spec, client -> client.forceFallback(target.game, target.player));
        }
    }

    @Command(name = "restore-p2p", mixinStandardHelpOptions = true,
            description = "End a forced fallback: inputs return to P2P once it is healthy; waits for the peers' ack.")
    static final class RestoreP2p implements Callable<Integer> {
        @ParentCommand CtlCommand ctl;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Target target = new Target();

        @Override
        public Integer call() {
            return ctl.runCommand(spec, client -> client.restoreP2p(target.game, target.player));
        }
    }

    @Command(name = "set-link", mixinStandardHelpOptions = true,
            description = "Impair a seat's (or every seat's) sending side; all zero restores a perfect link.")
    static final class SetLink implements Callable<Integer> {
        @ParentCommand CtlCommand ctl;
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Target target = new Target();

        @Option(names = "--latency", defaultValue = "0", paramLabel = "MS", description = "One-way delay, ms.")
        double latencyMs;
        @Option(names = "--jitter", defaultValue = "0", paramLabel = "MS", description = "Extra random delay, ms.")
        double jitterMs;
        @Option(names = "--loss", defaultValue = "0", description = "Drop probability, 0..1.")
        double loss;
        @Option(names = "--duplicate", defaultValue = "0", description = "Duplicate probability, 0..1.")
        double duplicate;
        @Option(names = "--reorder", defaultValue = "0", description = "Reorder probability, 0..1.")
        double reorder;
        @Option(names = "--bandwidth", defaultValue = "0", paramLabel = "KBPS",
                description = "Sending rate, kbit/s (0: unlimited).")
        double bandwidthKbps;

        @Override
        public Integer call() {
            LinkProfile link;
            try {
                link = new LinkProfile(latencyMs, jitterMs, loss, duplicate, reorder, bandwidthKbps);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return ctl.runCommand(spec, client -> client.setLink(target.game, target.player, link));
        }
    }
}
