package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.PeerConfig;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import org.rollscope.netcode.testing.Await;
import org.rollscope.netcode.testing.TcpProxy;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * {@code rollscope ctl watch} follows a relay restart (its help says so): the relay goes away, comes back on a new
 * port behind the same address (a proxy, so no test reuses a closed port's number) with the same data directory,
 * and the running watch reconnects by itself and keeps printing: a fresh snapshot, then the new session's samples.
 */
class CtlWatchRelayRestartTest {

    @TempDir
    Path dir;

    private RelayServer relay() throws Exception {
        RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("data"))
                .observerToken("t").build());
        relay.start();
        return relay;
    }

    private static HeadlessPeer peer(RelayServer relay, String game) {
        return new HeadlessPeer(PeerConfig.builder(relay.url()).gameId(game).episodes(1).framesPerEpisode(60 * 120)
                .link(new LinkProfile(10, 2, 0, 0, 0, 0)).build()).start();
    }

    @Test
    void watchReconnectsAfterARelayRestartAndKeepsPrintingTheNewSessionsSamples() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        RelayServer first = relay();
        RelayServer second = null;
        Thread watcher = null;
        try (TcpProxy proxy = new TcpProxy(first.port())) {
            watcher = new Thread(() -> CommandRun.commandLine(out, err).execute("ctl", "--server", proxy.url(),
                    "--token", "t", "watch", "--seconds", "300"), "ctl-watch");
            watcher.start();
            try (HeadlessPeer a = peer(first, "before"); HeadlessPeer b = peer(first, "before")) {
                Await.until(Duration.ofSeconds(30), "samples of the session before the restart",
                        () -> samples(out, "before") >= 10, () -> out + " / " + err);
            }
            proxy.cut();
            first.close();
            Await.until(Duration.ofSeconds(20), "the watch notices", () -> err.toString().contains("reconnecting"),
                    err::toString);
            int linesWhileDown = lines(out).size();

            second = relay();
            proxy.retarget(second.port());
            Await.until(Duration.ofSeconds(40), "reconnected", () -> connectedCount(err) >= 2, err::toString);
            try (HeadlessPeer a = peer(second, "after"); HeadlessPeer b = peer(second, "after")) {
                Await.until(Duration.ofSeconds(30), "samples of the session after the restart",
                        () -> samples(out, "after") >= 10, () -> out + " / " + err);
            }
            List<JSONObject> afterRestart = lines(out).subList(linesWhileDown, lines(out).size());
            assertTrue(afterRestart.get(0).getString("type").equals("snapshot"),
                    "a fresh snapshot first after the reconnect: " + afterRestart.get(0));
            assertTrue(watcher.isAlive(), "still watching");
        } finally {
            if (watcher != null) {
                watcher.interrupt();
                watcher.join(10_000);
            }
            first.close();
            if (second != null) second.close();
        }
    }

    /** Times the watch reported being connected (stderr: "rollscope ctl: connected (...)"). */
    private static long connectedCount(StringWriter err) {
        return Arrays.stream(err.toString().split("\n")).filter(l -> l.startsWith("rollscope ctl: connected")).count();
    }

    private static long samples(StringWriter out, String game) {
        return lines(out).stream().filter(l -> l.getString("type").equals("sample")
                && game.equals(l.optString("game_id"))).count();
    }

    private static List<JSONObject> lines(StringWriter out) {
        return Arrays.stream(out.toString().split("\n")).filter(l -> !l.isBlank()).map(JSONObject::new).toList();
    }
}
