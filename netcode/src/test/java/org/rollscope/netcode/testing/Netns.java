package org.rollscope.netcode.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace made by a test, for what needs a non-loopback interface (libwebrtc gathers no loopback
 * candidates): inside it one dummy interface {@code rs0} with a private test address and a default route to a gateway
 * that does not exist, and {@code lo}. Nothing inside can reach the machine's own network, so a test there can never
 * send traffic to a real interface. {@link #close} deletes it (also from a shutdown hook, should the test JVM die).
 *
 * <p>Needs root and iproute2 ({@code ip}); {@link #create} fails with that reason otherwise.
 */
public final class Netns implements AutoCloseable {
    /** Namespace names carry this prefix (the worktree's name), the pid and a counter: never anyone else's. */
    private static final String PREFIX = "webrtc-";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final String name;
    private final String address;
    private final Thread cleanup;
    private boolean closed;

    private Netns(String name, String address) {
        this.name = name;
        this.address = address;
        this.cleanup = new Thread(this::delete, name + "-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Makes a fresh namespace.
     *
     * @throws IllegalStateException when namespaces cannot be made here (not root, no iproute2)
     */
    public static Netns create() {
        int n = COUNTER.incrementAndGet();
        long pid = ProcessHandle.current().pid();
        String name = PREFIX + pid + "-" + n;
        int subnet = (int) ((pid * 7 + n) % 250) + 1;
        String address = "10.231." + subnet + ".1";
        run("ip", "netns", "add", name);
        Netns ns = new Netns(name, address);
        try {
            run("ip", "-n", name, "link", "set", "lo", "up");
            // A veth pair with both ends inside (this kernel has no dummy driver); only rs0 has an address.
            run("ip", "-n", name, "link", "add", "rs0", "type", "veth", "peer", "name", "rs1");
            run("ip", "-n", name, "addr", "add", address + "/24", "dev", "rs0");
            run("ip", "-n", name, "link", "set", "rs0", "up");
            run("ip", "-n", name, "link", "set", "rs1", "up");
            // No IPv6: link-local addresses would be further candidates, and nothing here needs them.
            run("ip", "netns", "exec", name, "sh", "-c", "echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6");
            run("ip", "-n", name, "route", "add", "default", "via", "10.231." + subnet + ".254");
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The dummy interface's address: the host candidate WebRTC peers inside will gather. */
    public String address() {
        return address;
    }

    /** {@code command} prefixed to run inside this namespace. */
    public List<String> exec(List<String> command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", name));
        c.addAll(command);
        return c;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            delete();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway; deleting twice is harmless
            }
        }
    }

    private void delete() {
        try {
            new ProcessBuilder("ip", "netns", "del", name).redirectErrorStream(true).start().waitFor(10,
                    TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            System.err.println("could not delete network namespace " + name + ": " + e);
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (network namespaces need root"
                        + " and iproute2): " + out.trim());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + " (iproute2 installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
