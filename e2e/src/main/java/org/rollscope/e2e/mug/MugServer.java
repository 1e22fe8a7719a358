package org.rollscope.e2e.mug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real MUG server (the pinned fixture, unmodified) running our experiment in its own work directory under
 * target/. MUG writes its data relative to the working directory ({@code data/<experiment>/<scene>/}), so each
 * server gets a fresh one; its output goes to {@code server.log} there and is kept.
 */
public final class MugServer implements AutoCloseable {

    public static final String START_SCENE_ID = "rollscope_start";
    public static final String GAME_SCENE_ID = "rollscope_collect";
    public static final String END_SCENE_ID = "rollscope_end";
    /** The scene headers of our experiment; pages tell scenes apart by them (MUG keeps no scene-id global). */
    public static final String START_HEADER = "Rollscope e2e: start";
    public static final String GAME_HEADER = "Rollscope e2e: collect";
    public static final String END_HEADER = "Rollscope e2e: done";

    /** MUG imports pandas, eventlet and Flask before it listens: several seconds on a busy 2-core machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path workDir;
    private final ExperimentOptions options;
    private final String url;
    private final int port;

    private MugServer(Process process, Path workDir, ExperimentOptions options, String url, int port) {
        this.process = process;
        this.workDir = workDir;
        this.options = options;
        this.url = url;
        this.port = port;
    }

    /** Starts the experiment server in {@code workRoot/name} (emptied first) and waits until it accepts connections. */
    public static MugServer start(E2eSetup setup, String name, ExperimentOptions requested) throws IOException {
        ExperimentOptions options = requested.copy();
        Path workDir = Workspace.fresh(setup.workRoot().resolve(name));
        Path ready = workDir.resolve("ready.json");
        List<String> command = new ArrayList<>(List.of(setup.python().toString(), setup.experimentScript().toString(),
                "--ready-file", ready.toString()));
        command.addAll(options.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("PYTHONPATH", setup.mugDir() + ":" + setup.serverStandins());
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONDONTWRITEBYTECODE", "1"); // the pinned fixture stays byte-for-byte as taken
        env.put("ROLLSCOPE_PROBE_SNIPPET", options.probeSnippet());
        env.put("ROLLSCOPE_PROBE_SCENES", options.probeScenes());
        env.put("ADMIN_PASSWORD", options.adminPassword());
        Process process = builder.start();
        try {
            JsonNode info = awaitReadyFile(process, ready, workDir);
            int port = info.get("port").asInt();
            awaitListening(process, options.host(), port, workDir);
            return new MugServer(process, workDir, options, info.get("url").asText(), port);
        } catch (IOException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static JsonNode awaitReadyFile(Process process, Path ready, Path workDir) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(ready)) {
            failIfDead(process, workDir);
            if (Instant.now().isAfter(deadline)) throw new IOException("MUG server wrote no ready file; see " + log(workDir));
            Workspace.sleep(Duration.ofMillis(100));
        }
        return new ObjectMapper().readTree(ready.toFile());
    }

    private static void awaitListening(Process process, String host, int port, Path workDir) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            failIfDead(process, workDir);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 500);
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) throw new IOException("MUG server never listened on " + host + ":" + port + "; see " + log(workDir));
                Workspace.sleep(Duration.ofMillis(200));
            }
        }
    }

    private static void failIfDead(Process process, Path workDir) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("MUG server exited with " + process.exitValue() + ": " + Workspace.tail(log(workDir), 30));
        }
    }

    private static Path log(Path workDir) {
        return workDir.resolve("server.log");
    }

    /** The address participants open, e.g. {@code http://127.0.0.1:40123} (a participant is {@code url()/<subject id>}). */
    public String url() { return url; }

    public int port() { return port; }

    public String host() { return options.host(); }

    public ExperimentOptions options() { return options; }

    public Path workDir() { return workDir; }

    public Path log() { return log(workDir); }

    public boolean isAlive() { return process.isAlive(); }

    /** Where MUG stores a participant's episode (0-based) of our game scene. */
    public Path episodeFile(String subjectId, int episode) {
        return workDir.resolve("data").resolve(options.experimentId()).resolve(GAME_SCENE_ID)
                .resolve(subjectId + "_ep" + episode + ".csv");
    }

    /**
     * Waits until MUG has stored every episode of every subject, then reads them: {@code result.get(s).get(e)} is
     * subject s's episode e. MUG writes a file when the page's {@code emit_episode_data} arrives, which can be a
     * moment after the page shows the next scene.
     */
    public Map<String, List<EpisodeCsv>> awaitEpisodes(Collection<String> subjectIds, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        for (String subject : subjectIds) {
            for (int e = 0; e < options.episodes(); e++) {
                Path file = episodeFile(subject, e);
                while (!Files.exists(file)) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IOException("MUG stored no " + file + " within " + timeout + "; see " + log());
                    }
                    Workspace.sleep(Duration.ofMillis(200));
                }
            }
        }
        Workspace.sleep(Duration.ofMillis(300)); // pandas writes the file in one call, but not atomically
        Map<String, List<EpisodeCsv>> data = new java.util.LinkedHashMap<>();
        for (String subject : subjectIds) {
            List<EpisodeCsv> episodes = new ArrayList<>();
            for (int e = 0; e < options.episodes(); e++) episodes.add(EpisodeCsv.read(episodeFile(subject, e)));
            data.put(subject, episodes);
        }
        return data;
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
