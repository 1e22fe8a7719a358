package org.rollscope.netcode.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one JUnit test method in a fresh JVM inside a fresh {@link Netns}, for tests that need a non-loopback
 * interface. The outer test (run by Maven as usual) calls {@link #run}; the inner JVM runs {@link #main}, which runs
 * the method with the JUnit launcher and exits 0 only if it passed. Inner test classes are not named {@code *Test},
 * so Maven never runs them outside a namespace, and they call {@link #requireInside} first.
 */
public final class NetnsJUnit {
    /** Set in the inner JVM: the namespace's own address. */
    public static final String ADDRESS_PROPERTY = "rollscope.netns.address";

    private NetnsJUnit() {}

    /** Runs {@code testClass#method} inside a new namespace; fails with the inner JVM's output unless it passed. */
    public static void run(Class<?> testClass, String method, Duration timeout) throws IOException, InterruptedException {
        try (Netns ns = Netns.create()) {
            List<String> java = ChildProcess.javaCommand(List.of("-Xmx512m", "-D" + ADDRESS_PROPERTY + "=" + ns.address()),
                    NetnsJUnit.class, List.of(testClass.getName(), method));
            ChildProcess inner = ChildProcess.start(ns.exec(java), "netns").await(timeout);
            if (!inner.succeeded()) {
                throw new AssertionError(testClass.getSimpleName() + "#" + method + " in namespace " + ns.name()
                        + " " + (inner.outcome().equals("hung") ? "timed out after " + timeout : inner.outcome())
                        + ":\n" + tail(inner.output(), 20_000));
            }
        }
    }

    /**
     * Fails unless this JVM runs inside a test namespace: its only interfaces are {@code lo} and the namespace's
     * veth pair. A WebRTC test must never gather (and send to) the machine's real interfaces.
     */
    public static String requireInside() throws SocketException {
        String address = System.getProperty(ADDRESS_PROPERTY);
        if (address == null) {
            throw new IllegalStateException("run through NetnsJUnit.run: this test needs its own network namespace");
        }
        for (NetworkInterface i : NetworkInterface.networkInterfaces().toList()) {
            if (!i.isLoopback() && !i.getName().equals("rs0") && !i.getName().equals("rs1")) {
                throw new IllegalStateException("interface " + i.getName() + " is visible: not in a test namespace");
            }
        }
        return address;
    }

    /** The inner JVM: {@code NetnsJUnit CLASS METHOD}. */
    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectMethod(args[0], args[1])).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printTo(out);
        summary.printFailuresTo(out, 40);
        boolean passed = summary.getTestsSucceededCount() == 1 && summary.getTotalFailureCount() == 0;
        out.flush();
        Runtime.getRuntime().halt(passed ? 0 : 1); // libwebrtc's native threads must not keep a finished JVM alive
    }

    private static String tail(String s, int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - max);
    }
}
