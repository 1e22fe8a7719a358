package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;

/** {@code rollscope peer} twice against a real relay: a whole session from the command line. */
class PeerCommandTest {

    @TempDir
    Path dir;

    @Test
    void twoPeerCommandsPlayASessionStoreItAndExitZero() throws Exception {
        try (RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("relay"))
                .observerToken("t").build())) {
            relay.start();
            String[] common = {"--server", relay.url(), "--game", "cli", "--frames", "180", "--timeout", "60"};
            CompletableFuture<CommandRun> first = CompletableFuture.supplyAsync(() -> CommandRun.of("peer",
                    concat(common, "--link", "latency=20,jitter=5,loss=0.05", "--export", dir.resolve("p0").toString())));
            CommandRun second = CommandRun.of("peer", concat(common, "--bot", "scripted"));
            CommandRun firstRun = first.get(60, TimeUnit.SECONDS);

            assertEquals(0, firstRun.exit(), firstRun.out() + firstRun.err());
            assertEquals(0, second.exit(), second.out() + second.err());
            assertTrue(firstRun.out().startsWith("done: game cli player "), firstRun.out());
            assertTrue(second.out().contains("1 episodes stored"), second.out());
            assertTrue(Files.exists(dir.resolve("relay/cli/0_ep0.csv")) && Files.exists(dir.resolve("relay/cli/1_ep0.csv")));
            try (var local = Files.list(dir.resolve("p0"))) {
                assertEquals(1, local.filter(p -> p.toString().endsWith("_ep0.csv")).count(), "--export wrote a copy");
            }
        }
    }

    @Test
    void aNegativePartnerTimeoutIsAUsageError() {
        CommandRun run = CommandRun.of("peer", "--server", "http://127.0.0.1:1", "--partner-timeout", "-1");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("partner timeout"), run.err());
    }

    @Test
    void reportingToARelayNeedsAMugPilotAndAProbeKey() {
        CommandRun withRelay = CommandRun.of("peer", "--server", "http://127.0.0.1:1", "--report-to",
                "http://127.0.0.1:2", "--probe-key", "k");
        assertEquals(2, withRelay.exit());
        assertTrue(withRelay.err().contains("--report-to URL and --probe-key KEY go together, with --mug"),
                withRelay.err());
        CommandRun noKey = CommandRun.of("peer", "--mug", "http://127.0.0.1:1", "--report-to", "http://127.0.0.1:2");
        assertEquals(2, noKey.exit());
        CommandRun notAUrl = CommandRun.of("peer", "--mug", "http://127.0.0.1:1", "--report-to", "relay",
                "--probe-key", "k");
        assertEquals(2, notAUrl.exit());
        assertTrue(notAUrl.err().contains("--report-to"), notAUrl.err());
    }

    @Test
    void aBadLinkSpecIsAUsageError() {
        CommandRun run = CommandRun.of("peer", "--server", "http://127.0.0.1:1", "--link", "latency=fast");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("latency"), run.err());
    }

    @Test
    void eitherARelayOrAMugExperimentIsAskedFor() {
        CommandRun neither = CommandRun.of("peer");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("either --server URL"), neither.err());
        CommandRun both = CommandRun.of("peer", "--server", "http://127.0.0.1:1", "--mug", "http://127.0.0.1:1");
        assertEquals(2, both.exit(), both.err());
    }

    @Test
    void anUnreachableMugServerIsAClearFailureAfterSayingWhatThePilotIsNot() {
        CommandRun run = CommandRun.of("peer", "--mug", "http://127.0.0.1:1", "--experiment", "study1");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("does not run the experiment's Python environment"), run.out());
        assertTrue(run.err().contains("cannot join http://127.0.0.1:1/study1"), run.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
