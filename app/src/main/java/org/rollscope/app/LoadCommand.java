package org.rollscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.json.JSONObject;
import org.rollscope.netcode.load.LoadConfig;
import org.rollscope.netcode.load.LoadDriver;
import org.rollscope.netcode.load.LoadFailedException;
import org.rollscope.netcode.load.LoadReport;
import org.rollscope.netcode.load.RelayProcess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollscope load}: drives simulated peers against a relay and prints its figures and verdict. */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Load-test a relay: N sessions of two telemetry-only simulated peers (real Socket.IO connections) send "
                    + "peer_telemetry at HZ while M observers receive it; prints samples sent and delivered, drops, "
                    + "delivery latency (peer send -> observer receive, p50/p95/p99/max), the switch latency "
                    + "(observer force_fallback -> first input relayed to the other seat, p50/p99), the relay's "
                    + "and the driver's own CPU, heap, and a verdict against the relay's targets (100 sessions at "
                    + "10 Hz to 3 observers: zero drops, p99 < 50 ms; switch p99 < 100 ms).",
            "By default the relay is started in this process on 127.0.0.1 (port 0), so that its threads' CPU can be "
                    + "told apart from the driver's; --relay-process starts it in its own JVM instead, so that driver "
                    + "and relay do not share a JIT, a heap and a GC. Progress goes to stderr every 5 s; the report to stdout. "
                    + "Runs against this machine only. Exit 0 when every target is met, 1 when one is missed or "
                    + "the run failed, 2 on bad usage."})
public final class LoadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sessions", defaultValue = "100", paramLabel = "N",
            description = "Sessions, two peers each (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "HZ",
            description = "Telemetry samples per second per peer (default: ${DEFAULT-VALUE}).")
    double rateHz;

    @Option(names = "--observers", defaultValue = "3", paramLabel = "M",
            description = "Observer connections; each should receive every sample (default: ${DEFAULT-VALUE}).")
    int observers;

    @Option(names = "--seconds", defaultValue = "60", paramLabel = "S",
            description = "How long the measurement lasts, after the warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--warmup-seconds", defaultValue = "10", paramLabel = "W",
            description = "Seconds of load before the measurement starts (JIT compilation, connection set-up); "
                    + "their samples are still checked for drops and their latency is printed apart "
                    + "(default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--switch-commands", defaultValue = "50", paramLabel = "K",
            description = "force_fallback commands timed during the run, spread evenly, each followed by "
                    + "restore_p2p (default: ${DEFAULT-VALUE}; 0 skips the switch measurement).")
    int switchCommands;

    @Option(names = "--action-fps", defaultValue = "60", paramLabel = "FPS",
            description = "Frame rate at which a fallen-back simulated peer relays its inputs "
                    + "(default: ${DEFAULT-VALUE}).")
    int actionFps;

    @Option(names = "--drain-seconds", defaultValue = "5", paramLabel = "S",
            description = "After the last send, how long to wait for samples still in flight before counting "
                    + "them missing (default: ${DEFAULT-VALUE}).")
    double drainSeconds;

    @Option(names = "--switch-peers", defaultValue = "simulated", paramLabel = "KIND",
            description = "Who obeys the timed force_fallback commands: 'simulated' (telemetry-only peers that relay"
                    + " an input as soon as told) or 'headless' (two real headless peers playing one more session:"
                    + " rollback engine, UDP channel and fallback policy included) (default: ${DEFAULT-VALUE}).")
    String switchPeers;

    @Option(names = "--server", paramLabel = "URL",
            description = "Load this relay (on this machine) instead of an embedded one; needs --token. Its CPU is "
                    + "then not measured.")
    String server;

    @Option(names = "--token", description = "The --server relay's observer token.")
    String token;

    @Option(names = "--relay-process",
            description = "Start the relay in its own JVM (this launcher's Java and classpath; 127.0.0.1, port 0, "
                    + "archive off, like the embedded one), so that its CPU is measured alone: the whole process's "
                    + "CPU, and the CPU per ingested sample. Stopped at the end.")
    boolean relayProcess;

    @Option(names = "--relay-jvm-option", paramLabel = "OPT",
            description = "With --relay-process: an option for the relay's JVM (repeatable), e.g. "
                    + "-XX:StartFlightRecording=filename=relay.jfr")
    List<String> relayJvmOptions = new ArrayList<>();

    @Option(names = "--relay-classpath", paramLabel = "CP",
            description = "With --relay-process: run the relay from this classpath (another build of Rollscope, "
                    + "e.g. to compare two versions side by side under the same driver); default: this one's.")
    String relayClasspath;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    private boolean headlessSwitchPeers() {
        return switch (switchPeers) {
            case "simulated" -> false;
            case "headless" -> true;
            default -> throw new IllegalArgumentException("--switch-peers must be simulated or headless, got "
                    + switchPeers);
        };
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (relayProcess && server != null) {
            err.println("rollscope load: --relay-process starts its own relay; it cannot be used with --server");
            return 2;
        }
        if (!relayProcess) {
            return run(out, err, server, token, null);
        }
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("rollscope-load-relay-");
            try (RelayProcess relay = RelayProcess.start(relayCommand(workDir), workDir)) {
                err.println("rollscope load: relay process " + relay.pid() + " at " + relay.url() + " (output: "
                        + relay.log() + ")");
                return run(out, err, relay.url(), relay.observerToken(), relay);
            }
        } catch (IOException e) {
            err.println("rollscope load: cannot create a directory for the relay process: " + e.getMessage());
            return 1;
        } catch (LoadFailedException e) {
            err.println("rollscope load: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("rollscope load: interrupted");
            return 1;
        } finally {
            deleteQuietly(workDir);
        }
    }

    /** {@code rollscope relay} in a new JVM: this one's Java and classpath, the embedded relay's settings. */
    private List<String> relayCommand(Path workDir) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(relayJvmOptions);
        String classpath = relayClasspath != null ? relayClasspath : System.getProperty("java.class.path");
        command.addAll(List.of("-cp", classpath, Main.class.getName(), "relay",
                "--host", "127.0.0.1", "--port", "0", "--data-dir", workDir.resolve("data").toString(),
                "--token", UUID.randomUUID().toString().replace("-", ""), "--archive", "off",
                // every peer connects from loopback: the per-address rate must admit all of them (500 sessions:
                // 10,000 samples a second against a default of 8000)
                "--events-per-second-per-address", String.valueOf((long) LoadConfig.relayEventsPerSecondPerAddress(sessions, rateHz, actionFps))));
        return command;
    }

    private int run(PrintWriter out, PrintWriter err, String server, String token, RelayProcess relay) {
        LoadConfig config;
        try {
            config = new LoadConfig(sessions, rateHz, observers, Duration.ofMillis(Math.round(warmupSeconds * 1000)),
                    Duration.ofMillis(Math.round(seconds * 1000)),
                    switchCommands, actionFps, server, token, Duration.ofMillis(Math.round(drainSeconds * 1000)),
                    headlessSwitchPeers());
        } catch (IllegalArgumentException e) {
            err.println("rollscope load: " + e.getMessage());
            return 2;
        }
        err.printf("rollscope load: %d sessions (%d connections) at %s Hz to %d observers for %s s + %s s warm-up%s%n",
                config.sessions(), config.peers(), rateHz, observers, seconds, warmupSeconds,
                config.embedded() ? " against an embedded relay"
                        : " against " + server + (relay != null ? " (its own process)" : ""));
        err.flush();
        LoadReport report;
        try {
            report = new LoadDriver(config, line -> {
                err.println("rollscope load: " + line);
                err.flush();
            }, relay == null ? null : relay::cpuNanos).run();
        } catch (LoadFailedException e) {
            err.println("rollscope load: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("rollscope load: interrupted");
            return 1;
        }
        out.print(report.describe());
        out.flush();
        if (json != null) {
            try {
                writeJson(json, report.toJson());
            } catch (IOException e) {
                err.println("rollscope load: cannot write " + json + ": " + e.getMessage());
                return 1;
            }
        }
        return report.passed() ? 0 : 1;
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    private static void writeJson(Path file, JSONObject json) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, json.toString(2) + "\n", StandardCharsets.UTF_8);
    }
}
