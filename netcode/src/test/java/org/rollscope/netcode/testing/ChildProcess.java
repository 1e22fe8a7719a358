package org.rollscope.netcode.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process a test starts (a second JVM that floods the relay, a test run inside a network namespace) with its output
 * captured, so that a failure can show what the child printed. Killed when it outlives the test's bound.
 */
public final class ChildProcess {
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;
    private boolean exited;

    private ChildProcess(Process process, String name) {
        this.process = process;
        this.reader = new Thread(() -> {
            try {
                String all = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (output) {
                    output.append(all);
                }
            } catch (IOException e) {
                synchronized (output) {
                    output.append("(output lost: ").append(e).append(')');
                }
            }
        }, name + "-output");
        reader.start();
    }

    /** Starts {@code command} with stderr merged into stdout. */
    public static ChildProcess start(List<String> command, String name) throws IOException {
        return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), name);
    }

    /** This JVM's java executable with {@code jvmArgs}, the test class path, then {@code mainClass} and its args. */
    public static List<String> javaCommand(List<String> jvmArgs, Class<?> mainClass, List<String> args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        return command;
    }

    /** Waits up to {@code timeout}, kills the child if it is still running, and waits for its output to be read. */
    public ChildProcess await(Duration timeout) throws InterruptedException {
        exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5_000);
        return this;
    }

    /** True when the child exited by itself with status 0 (after {@link #await}). */
    public boolean succeeded() {
        return exited && process.exitValue() == 0;
    }

    /** Why it did not succeed, e.g. "failed (exit 1)" or "hung": for an assertion message. */
    public String outcome() {
        return exited ? "failed (exit " + process.exitValue() + ")" : "hung";
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }
}
