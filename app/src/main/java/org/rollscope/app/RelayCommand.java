package org.rollscope.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.json.JSONObject;
import org.rollscope.netcode.relay.ProbeProtocol;
import org.rollscope.netcode.archive.ArchiveConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rollscope relay}: runs the session relay until Ctrl-C. */
@Command(
        name = "relay",
        mixinStandardHelpOptions = true,
        description = "Run the session relay: peers meet here (Socket.IO, MUG's events), inputs fall back through it "
                + "when P2P is down, and observers (the console, 'rollscope ctl') watch and steer sessions on "
                + "/observer. Prints the URL and the observer token once listening; stops cleanly on Ctrl-C or SIGTERM.")
public final class RelayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = RelayConfig.DEFAULT_HOST,
            description = "Interface to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String host;

    @Option(names = "--port", defaultValue = "8765",
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--data-dir", defaultValue = "relay-data",
            description = "Where episode CSVs and events.jsonl are stored, one directory per game "
                    + "(default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--token", description = "Observer access token (default: a random one, printed at start).")
    String token;

    @Option(names = "--ready-file", paramLabel = "FILE",
            description = "Once listening, write {\"url\", \"observer_token\", \"probe_key\", \"probe_snippet\"} to "
                    + "FILE (atomically).")
    Path readyFile;

    @Option(names = "--probe-key", paramLabel = "KEY",
            description = "Key MUG page probes present (default: a random one, printed in the snippet). Not the "
                    + "observer token: participants can read it in the page.")
    String probeKey;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The relay's URL as participants' browsers reach it, for the probe snippet (e.g. "
                    + "https://lab.example.org/rollscope behind a TLS proxy; default: the URL it listens on).")
    String publicUrl;

    @Option(names = ProbeProtocol.RESTORE_OPT_IN_OPTION,
            description = "Let MUG page probes carry out restore-p2p by resetting MUG's fallback latch "
                    + "(p2pMetrics.p2pFallbackTriggered), which MUG itself never resets. Off by default: without it "
                    + "a probe refuses restore-p2p with that reason.")
    boolean probeRestoreResetsMugFallback;

    @Option(names = "--open-seats", description = "MUG's seat rule: a reserved seat is re-taken without its seat "
            + "token, by whoever knows its game and player id (default: a seat token is needed).")
    boolean openSeats;

    @Option(names = "--max-connections", defaultValue = "8192", paramLabel = "N",
            description = "Open TCP connections in all (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "2048", paramLabel = "N",
            description = "Open TCP connections from one IP address; a campus NAT puts many participants behind one "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--command-timeout-ms", defaultValue = "3000",
            description = "How long a command waits for the peers' acknowledgement (default: ${DEFAULT-VALUE}).")
    long commandTimeoutMs;

    @Option(names = "--events-per-second", defaultValue = "300",
            description = "Per-connection event rate limit (default: ${DEFAULT-VALUE}, bursts of twice that).")
    double eventsPerSecond;

    @Option(names = "--events-per-second-per-address", defaultValue = "8000", paramLabel = "N",
            description = "Events per second from all connections of one IP address together, bursts of twice that "
                    + "(default: ${DEFAULT-VALUE}).")
    double eventsPerSecondPerAddress;

    @Option(names = "--archive", defaultValue = "on", paramLabel = "on|off",
            description = "Keep every sample and event of every session in the archive (default: ${DEFAULT-VALUE}; "
                    + "docs/archive.md).")
    String archive;

    @Option(names = "--archive-url", paramLabel = "JDBC",
            description = "Archive to this database, e.g. jdbc:postgresql://db:5432/rollscope?user=u&password=p "
                    + "(default: " + ArchiveConfig.FILE_NAME + " in the data dir, SQLite).")
    String archiveUrl;

    @Option(names = "--archive-max-age-days", defaultValue = "30", paramLabel = "DAYS",
            description = "Delete sessions last active longer ago than this (default: ${DEFAULT-VALUE}).")
    long archiveMaxAgeDays;

    @Option(names = "--archive-max-gb", defaultValue = "50", paramLabel = "GB",
            description = "Delete the least recently active sessions while the archive is larger "
                    + "(default: ${DEFAULT-VALUE}; 0: no limit).")
    double archiveMaxGb;

    /** The archive settings the options ask for; IllegalArgumentException names a bad one. */
    ArchiveConfig archiveConfig() {
        if (!"on".equals(archive) && !"off".equals(archive)) {
            throw new IllegalArgumentException("--archive must be on or off, got " + archive);
        }
        return ArchiveConfig.EMBEDDED.withEnabled("on".equals(archive)).withJdbcUrl(archiveUrl)
                .withRetention(Duration.ofDays(archiveMaxAgeDays), (long) (archiveMaxGb * 1e9));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (readyFile != null) {
            CliChecks.parentExists(spec, "--ready-file", readyFile); // before anything starts; nothing is created
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException ? "the file system refused it"
                    : String.valueOf(e.getMessage());
            err.println("rollscope relay: cannot create the data dir " + dataDir + " (" + why + ")");
            return 1;
        }
        RelayConfig config;
        try {
            config = RelayConfig.builder().host(host).port(port).dataDir(dataDir).observerToken(token)
                    .commandTimeout(Duration.ofMillis(commandTimeoutMs)).eventsPerSecond(eventsPerSecond)
                    .eventBurst(eventsPerSecond * 2).archive(archiveConfig()).probeKey(probeKey).publicUrl(publicUrl)
                    .probeRestoreResetsMugFallback(probeRestoreResetsMugFallback).openSeats(openSeats)
                    .maxConnections(maxConnections).maxConnectionsPerAddress(maxConnectionsPerAddress)
                    .eventsPerSecondPerAddress(eventsPerSecondPerAddress).build();
        } catch (IllegalArgumentException e) {
            err.println("rollscope relay: " + e.getMessage());
            return 2;
        }
        RelayServer relay;
        try {
            relay = new RelayServer(config);
        } catch (IllegalStateException e) { // the archive's database cannot be opened
            err.println("rollscope relay: " + e.getMessage());
            return 1;
        }
        try {
            relay.start();
        } catch (IOException e) {
            err.println("rollscope relay: cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")");
            relay.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            err.println("rollscope relay: stopped; " + relay.stats()
                    + (relay.archiveStats() == null ? "" : "; " + relay.archiveStats()));
            err.flush();
            stopped.countDown();
        }, "relay-shutdown"));
        out.println("Rollscope relay listening on " + relay.url());
        out.println("observer token: " + relay.observerToken());
        out.println("data dir: " + dataDir.toAbsolutePath());
        out.println("archive: " + (config.archive().enabled()
                ? ArchiveConfig.redact(config.archive().resolveUrl(dataDir)) : "off"));
        out.println("MUG probe: paste this into each MUG scene's scene_body (docs/mug-probe.md):");
        out.println(relay.probeSnippet());
        out.println("Ctrl-C (or kill " + ProcessHandle.current().pid() + ", SIGTERM) to stop.");
        if (SignalDisposition.interruptIgnored()) {
            out.println("note: this process ignores SIGINT (it was started in the background by a script, which "
                    + "hands that on); Ctrl-C and kill -INT cannot stop it: use kill " + ProcessHandle.current().pid()
                    + " (SIGTERM), which stops it just as cleanly");
        }
        out.flush();
        if (readyFile != null) {
            writeReadyFile(readyFile, relay);
        }
        stopped.await();
        return 0;
    }

    /** The ready file of a started relay: URL, observer token, probe key and the probe's scene_body snippet. */
    static void writeReadyFile(Path file, RelayServer relay) throws IOException {
        writeReadyFile(file, new JSONObject().put("url", relay.url()).put("observer_token", relay.observerToken())
                .put("probe_key", relay.probeKey()).put("probe_snippet", relay.probeSnippet()));
    }

    /** A ready file with the URL and observer token only. */
    static void writeReadyFile(Path file, String url, String token) throws IOException {
        writeReadyFile(file, new JSONObject().put("url", url).put("observer_token", token));
    }

    /** Writes the ready file whole or not at all, so a script polling for it never reads half a file. */
    private static void writeReadyFile(Path file, JSONObject content) throws IOException {
        Path absolute = file.toAbsolutePath(); // its directory exists: checked before the relay started
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            String json = content.toString();
            Files.writeString(temp, json + "\n", StandardCharsets.UTF_8);
            Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
