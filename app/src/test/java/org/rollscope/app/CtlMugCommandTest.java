package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.mug.MugStandIn;
import org.rollscope.netcode.testing.Await;
import picocli.CommandLine;

/** {@code rollscope ctl --mug} against the MUG stand-in server on an ephemeral port. */
class CtlMugCommandTest {
    static final String GAME = "cd8f6b4e-a3fe-4de0-aeb5-d987bbc182ea";

    @TempDir
    Path dir;
    MugStandIn mug;
    Path passwordFile;

    @BeforeEach
    void start() throws Exception {
        mug = new MugStandIn(MugStandIn.Cookies.BOTH, MugStandIn.sample("mug-state-update-game.json")).start();
        passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, MugStandIn.PASSWORD + "\n");
    }

    @AfterEach
    void stop() {
        mug.close();
    }

    @Test
    void sessionsPrintsTheMugGameAsJson() {
        CommandRun run = ctl("--mug", mug.url(), "--password-file", passwordFile.toString(), "sessions");
        assertEquals(0, run.exit(), run.err());
        JSONObject session = new JSONObject(run.out()).getJSONArray("sessions").getJSONObject(0);
        assertEquals(GAME, session.getString("game_id"));
        JSONObject seat = session.getJSONArray("players").getJSONObject(1);
        assertEquals("1", seat.getString("player_id"));
        assertTrue(seat.isNull("sample"), "no Rollscope telemetry from MUG");
        assertEquals("mug", seat.getJSONObject("health").getString("source"));
        assertEquals("relay", seat.getJSONObject("health").getString("ice_path"));
        assertEquals("session_median", seat.getJSONObject("health").getString("rtt_kind"));
        assertFalse(run.out().contains(MugStandIn.PASSWORD) || run.err().contains(MugStandIn.PASSWORD));
    }

    @Test
    void wrongPasswordAndNotMugExitOneWithDistinctMessages() throws Exception {
        Files.writeString(passwordFile, "nope\n");
        CommandRun wrong = ctl("--mug", mug.url(), "--password-file", passwordFile.toString(), "sessions");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("wrong admin password for the MUG server at " + mug.url()), wrong.err());

        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.start();
        try {
            CommandRun notMug = ctl("--mug", "http://127.0.0.1:" + http.getAddress().getPort(), "--password-file",
                    passwordFile.toString(), "sessions");
            assertEquals(1, notMug.exit());
            assertTrue(notMug.err().contains("does not look like a MUG server: no /admin/login there (HTTP 404)"),
                    notMug.err());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void commandsMugCannotHonourExitOneAndSaySo() {
        for (List<String> command : List.of(List.of("force-fallback", "--game", GAME),
                List.of("restore-p2p", "--game", GAME, "--player", "0"),
                List.of("set-link", "--game", GAME, "--latency", "80"))) {
            String[] args = new String[command.size() + 4];
            args[0] = "--mug";
            args[1] = mug.url();
            args[2] = "--password-file";
            args[3] = passwordFile.toString();
            for (int i = 0; i < command.size(); i++) {
                args[4 + i] = command.get(i);
            }
            CommandRun run = ctl(args);
            assertEquals(1, run.exit(), command + ": " + run.err());
            assertTrue(run.err().contains("not_supported: MUG servers cannot force fallback or change link "
                    + "conditions"), run.err());
        }
        assertEquals(0, mug.logins.get(), "no need to log in to refuse");
    }

    @Test
    void relayAndMugOptionsTogetherAreAUsageError() {
        CommandRun run = ctl("--mug", mug.url(), "--server", "http://127.0.0.1:1", "--token", "t", "sessions");
        assertEquals(2, run.exit());
        assertTrue(run.err().contains("not both"), run.err());
        CommandRun stray = ctl("--server", "http://127.0.0.1:1", "--token", "t", "--password-file", "x", "sessions");
        assertEquals(2, stray.exit());
    }

    @Test
    void watchStreamsASnapshotMugSamplesAndEventsAsJsonLines() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread watcher = new Thread(() -> exit.set(cli(out, err).execute("ctl", "--mug", mug.url(),
                "--password-file", passwordFile.toString(), "watch", "--seconds", "60")), "ctl-watch");
        watcher.start();
        try {
            Await.until(Duration.ofSeconds(15), "a snapshot, 2 samples and 5 events",
                    () -> count(out, "snapshot") == 1 && count(out, "sample") == 2 && count(out, "event") == 5,
                    () -> out + " / " + err);
            mug.broadcastState(); // MUG's next second: same sessions, same reports, same log
            JSONObject changed = MugStandIn.sample("mug-state-update-game.json");
            changed.getJSONArray("multiplayer_games").getJSONObject(0).getJSONObject("p2p_health").remove("0");
            changed.getJSONArray("multiplayer_games").getJSONObject(0).getJSONObject("p2p_health")
                    .getJSONObject("1").put("timestamp", 1795236060.7).put("connection_type", "socketio_fallback");
            mug.setState(changed);
            mug.broadcastState();
            Await.until(Duration.ofSeconds(15), "a new snapshot (seat 0 lost its report) and a new sample",
                    () -> count(out, "snapshot") == 2 && count(out, "sample") == 3, () -> out + " / " + err);
        } finally {
            watcher.interrupt();
            watcher.join(10_000);
        }
        JSONObject sample = lines(out).stream().filter(l -> l.getString("type").equals("sample"))
                .reduce((a, b) -> b).orElseThrow();
        assertEquals("mug", sample.getString("source"));
        assertEquals("relay", sample.getString("transport"));
        assertTrue(sample.isNull("frame") && sample.isNull("rollbacks") && sample.isNull("gap_rate"), sample::toString);
        assertEquals(5, count(out, "event"), "MUG's resent log is not printed again");
    }

    private static long count(StringWriter out, String type) {
        return lines(out).stream().filter(l -> type.equals(l.optString("type"))).count();
    }

    private static List<JSONObject> lines(StringWriter out) {
        String text;
        synchronized (out.getBuffer()) {
            text = out.toString();
        }
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith("{")).map(JSONObject::new).toList();
    }


    private static CommandLine cli(StringWriter out, StringWriter err) {
        return CommandRun.commandLine(out, err);
    }

    private static CommandRun ctl(String... args) {
        return CommandRun.of("ctl", args);
    }
}
