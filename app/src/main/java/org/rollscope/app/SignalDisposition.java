package org.rollscope.app;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process was started with SIGINT ignored. A non-interactive shell (a script) starts its background
 * jobs ({@code cmd &}) that way, and the JVM then leaves SIGINT ignored: its shutdown hooks run on SIGTERM but never
 * on SIGINT or Ctrl-C, so such a relay would seem never to stop on {@code kill -INT}. Linux only (reads
 * {@code /proc/self/status}); elsewhere it says no.
 */
final class SignalDisposition {
    private static final int SIGINT = 2;

    private SignalDisposition() {
    }

    /** True when SIGINT is ignored in this process (so Ctrl-C and {@code kill -INT} do nothing). */
    static boolean interruptIgnored() {
        try {
            return ignores(Files.readString(Path.of("/proc/self/status")), SIGINT);
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or no /proc: cannot tell, say nothing
        }
    }

    /** Whether the {@code SigIgn:} mask of a {@code /proc/PID/status} text has this signal's bit set. */
    static boolean ignores(String procStatus, int signal) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("SigIgn:")) {
                return new BigInteger(line.substring("SigIgn:".length()).trim(), 16).testBit(signal - 1);
            }
        }
        return false;
    }
}
