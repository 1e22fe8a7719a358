package org.rollscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.rollscope.netcode.archive.ArchiveExport;
import org.rollscope.netcode.archive.ArchivedSession;
import org.rollscope.netcode.archive.RemoteArchive;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionObserver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rollscope ctl history} and {@code ctl export}: the relay's archive, read over the observer connection. */
final class CtlArchiveSubcommands {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private CtlArchiveSubcommands() {
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "List the sessions in the relay's archive, newest first: start, duration, seats, samples, "
                    + "fallbacks, desyncs and worst health (by the console's thresholds). --json prints them as "
                    + "JSON. T is an ISO time (2026-12-01T09:30:00Z, 2026-12-01), epoch ms or an age (24h, 7d).")
    static final class History implements Callable<Integer> {
        @ParentCommand CtlCommand ctl;
        @Spec CommandSpec spec;

        @Option(names = "--since", paramLabel = "T", description = "Only sessions active since T.")
        String since;

        @Option(names = "--game", paramLabel = "G", description = "Only this session.")
        String game;

        @Option(names = "--json", description = "JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Long sinceMs = since == null ? null : time(spec, since);
            ObserverClient client = relay(ctl, spec);
            if (client == null) {
                return 1;
            }
            try {
                List<ArchivedSession> sessions = new RemoteArchive(client).sessions(sinceMs, game);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(ObserverProtocol.mapper().writerWithDefaultPrettyPrinter()
                            .writeValueAsString(sessions));
                } else {
                    out.println(table(sessions));
                }
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("rollscope ctl: " + e.getMessage());
                return 1;
            } finally {
                client.close();
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Export one archived session as the console does (telemetry.md §4): --format csv writes "
                    + "the samples to OUT and the events beside it (x-samples.csv -> x-events.csv), --format json "
                    + "writes {meta, samples, events} to OUT. Progress goes to stderr.")
    static final class Export implements Callable<Integer> {
        @ParentCommand CtlCommand ctl;
        @Spec CommandSpec spec;

        @Option(names = "--game", required = true, paramLabel = "G", description = "The session.")
        String game;

        @Option(names = "--since", paramLabel = "T", description = "Only rows at or after T.")
        String since;

        @Option(names = "--until", paramLabel = "T", description = "Only rows at or before T.")
        String until;

        @Option(names = "--format", required = true, paramLabel = "csv|json", description = "csv or json.")
        String format;

        @Option(names = "--out", required = true, paramLabel = "OUT", description = "The file to write.")
        Path out;

        @Override
        public Integer call() {
            ArchiveExport.Format kind = switch (format.toLowerCase(java.util.Locale.ROOT)) {
                case "csv" -> ArchiveExport.Format.CSV;
                case "json" -> ArchiveExport.Format.JSON;
                default -> throw new ParameterException(spec.commandLine(), "--format must be csv or json, got "
                        + format);
            };
            Long sinceMs = since == null ? null : time(spec, since);
            Long untilMs = until == null ? null : time(spec, until);
            ObserverClient client = relay(ctl, spec);
            if (client == null) {
                return 1;
            }
            PrintWriter err = spec.commandLine().getErr();
            try {
                long[] lastPrint = {0};
                List<Path> written = new ArchiveExport().write(new RemoteArchive(client).timeline(game, sinceMs,
                        untilMs), kind, out, System.currentTimeMillis(), (done, total) -> {
                            long now = System.currentTimeMillis();
                            if (now - lastPrint[0] >= 1_000 || done == total) {
                                lastPrint[0] = now;
                                err.printf("rollscope ctl: export %s: %d / %d rows (%d %%)%n", game, done, total,
                                        total == 0 ? 100 : done * 100 / total);
                                err.flush();
                            }
                        });
                written.forEach(p -> err.println("rollscope ctl: wrote " + p));
                return 0;
            } catch (IOException e) {
                err.println("rollscope ctl: export failed: " + e.getMessage());
                return 1;
            } finally {
                client.close();
            }
        }
    }

    /** The connected relay observer, or null (reason printed); MUG servers keep no archive (exit 1). */
    static ObserverClient relay(CtlCommand ctl, CommandSpec spec) {
        if (ctl.mug(spec)) {
            spec.commandLine().getErr().println("rollscope ctl: a MUG server keeps no Rollscope archive; "
                    + "ask the relay (--server/--token or --ready-file)");
            return null;
        }
        SessionObserver observer = ctl.connect(spec, null);
        return (ObserverClient) observer;
    }

    static long time(CommandSpec spec, String text) {
        try {
            return TimeArgument.parse(text, System.currentTimeMillis(), ZoneId.systemDefault());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** One line per session, aligned; times in this machine's zone. */
    static String table(List<ArchivedSession> sessions) {
        StringBuilder b = new StringBuilder(String.format("%-24s %-19s %10s %-7s %8s %9s %7s %-9s %s%n", "game",
                "started", "duration", "seats", "samples", "fallbacks", "desyncs", "worst", "state"));
        for (ArchivedSession s : sessions) {
            b.append(String.format("%-24s %-19s %10s %-7s %8d %9d %7d %-9s %s%n", s.gameId(),
                    WHEN.format(Instant.ofEpochMilli(s.firstTMs())), duration(s.durationMs()),
                    String.join(",", s.players()), s.samples(), s.fallbacks(), s.desyncs(), s.worstHealth(),
                    s.ended() ? "ended" : "live"));
        }
        if (sessions.isEmpty()) {
            b.append("(no archived sessions)\n");
        }
        return b.toString().stripTrailing();
    }

    static String duration(long ms) {
        long s = ms / 1000;
        return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }
}
