package org.rollscope.e2e.mug;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses to run the e2e harness outside the network namespace run.sh made. MUG's server looks up its public
 * address at start and Chromium asks public STUN servers for candidates; inside the namespace neither can
 * leave the machine, outside it both would try.
 */
final class NetnsGuard {

    private NetnsGuard() {
    }

    static void requireInside(String netns) {
        if (netns == null || netns.isBlank()) {
            throw new IllegalStateException("not inside the MUG e2e network namespace: run testing/mug-e2e/run.sh "
                    + "(it sets ROLLSCOPE_E2E_NETNS and runs Maven with ip netns exec)");
        }
        Path named = Path.of("/run/netns", netns);
        try {
            Object mine = Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:ino");
            Object expected = Files.getAttribute(named, "unix:ino");
            if (!mine.equals(expected)) {
                throw new IllegalStateException("this JVM is not inside network namespace " + netns
                        + " (ROLLSCOPE_E2E_NETNS); run the suite through testing/mug-e2e/run.sh");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot check the network namespace " + named + ": " + e, e);
        }
    }
}
