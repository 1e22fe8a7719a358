package org.rollscope.netcode.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.json.JSONException;
import org.json.JSONObject;

/**
 * A relay in its own JVM, started for one load run so that its CPU is measured alone: in one process the driver's
 * threads and the relay's compete for the same cores, JIT and GC, and the relay's share cannot be told apart from
 * the machine's. Started with {@code rollscope relay --port 0 --ready-file F} (the caller gives the command up to its
 * own options); ready once that file appears; stopped with SIGTERM (the relay's shutdown hook closes it), killed if it
 * does not stop. Its output goes to a log file beside the ready file, named in failures.
 *
 * <p>{@link #cpuNanos()} is the process's user + system CPU (all its threads, GC and JIT included), read from the
 * operating system ({@link ProcessHandle.Info#totalCpuDuration()}). Not thread-safe except {@link #cpuNanos()}.
 */
public final class RelayProcess implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;
    private final String url;
    private final String token;

    private RelayProcess(Process process, Path log, String url, String token) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.token = token;
    }

    /**
     * Starts {@code command} followed by {@code --ready-file <file>} and waits until the relay writes it.
     *
     * @param command the relay command and its options, without {@code --ready-file}
     * @param workDir an existing directory for the ready file and the log
     * @throws LoadFailedException when it cannot start, exits, or is not ready within {@link #READY_TIMEOUT}
     */
    public static RelayProcess start(List<String> command, Path workDir)
            throws LoadFailedException, InterruptedException {
        Path ready = workDir.resolve("relay-ready.json");
        Path log = workDir.resolve("relay.log");
        List<String> full = new ArrayList<>(command);
        full.add("--ready-file");
        full.add(ready.toString());
        Process process;
        try {
            process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new LoadFailedException("cannot start the relay process: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try {
            while (!Files.exists(ready)) { // the relay writes it whole, by a rename
                if (!process.isAlive()) {
                    throw new LoadFailedException("the relay process exited (" + process.exitValue() + ") before it "
                            + "was ready; its output: " + log, null);
                }
                if (System.nanoTime() > deadline) {
                    throw new LoadFailedException("the relay process was not ready within "
                            + READY_TIMEOUT.toSeconds() + " s; its output: " + log, null);
                }
                TimeUnit.MILLISECONDS.sleep(50); // polling interval for the file only
            }
            JSONObject info = new JSONObject(Files.readString(ready, StandardCharsets.UTF_8));
            return new RelayProcess(process, log, info.getString("url"), info.getString("observer_token"));
        } catch (IOException | JSONException | LoadFailedException | InterruptedException e) {
            stop(process);
            if (e instanceof LoadFailedException lf) {
                throw lf;
            }
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new LoadFailedException("cannot read the relay's ready file " + ready + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    public String observerToken() {
        return token;
    }

    /** The relay's operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** The file its output goes to. */
    public Path log() {
        return log;
    }

    /** CPU the relay process has used since it started (user + system, every thread), ns; -1 when unknown. */
    public long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy(); // SIGTERM: the relay's shutdown hook closes it
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
