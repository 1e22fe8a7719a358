package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;
import picocli.CommandLine;

/** {@code rollscope ctl} against a real relay on an ephemeral port, with a real Socket.IO peer that obeys. */
class CtlCommandTest {
    @TempDir
    Path dir;
    RelayServer relay;
    Socket peer;
    final CopyOnWriteArrayList<JSONObject> commands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("data")).build());
        relay.start();
        RelayCommand.writeReadyFile(dir.resolve("ready.json"), relay.url(), relay.observerToken());
        IO.Options options = new IO.Options();
        options.transports = new String[] {"websocket"};
        options.forceNew = true;
        peer = IO.socket(URI.create(relay.url()), options);
        peer.on("rollscope_command", args -> {
            commands.add((JSONObject) args[0]);
            ((Ack) args[args.length - 1]).call(new JSONObject().put("ok", true));
        });
        CompletableFuture<Object> joined = new CompletableFuture<>();
        peer.on(Socket.EVENT_CONNECT, args -> peer.emit("join_game",
                new Object[] {new JSONObject().put("game_id", "lab").put("player_id", "0")},
                reply -> joined.complete(reply[0])));
        peer.connect();
        joined.get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        peer.close();
        relay.close();
    }

    @Test
    void sessionsPrintsTheSnapshotAsJson() {
        CommandRun run = ctl("--ready-file", dir.resolve("ready.json").toString(), "sessions");
        assertEquals(0, run.exit(), run.err());
        JSONObject snapshot = new JSONObject(run.out());
        assertEquals("lab", snapshot.getJSONArray("sessions").getJSONObject(0).getString("game_id"));
    }

    @Test
    void forceFallbackAndSetLinkReachThePeerAndExitZero() {
        CommandRun run = ctl("--server", relay.url(), "--token", relay.observerToken(), "force-fallback", "--game", "lab",
                "--player", "0");
        assertEquals(0, run.exit(), run.err());
        assertEquals("ok", run.out().trim());
        CommandRun link = ctl("--ready-file", dir.resolve("ready.json").toString(), "set-link", "--game", "lab",
                "--latency", "80", "--loss", "0.1");
        assertEquals(0, link.exit(), link.err());
        assertEquals(2, commands.size());
        assertEquals("force_fallback", commands.get(0).getString("command"));
        assertEquals(80, commands.get(1).getJSONObject("args").getDouble("latency_ms"));
    }

    @Test
    void wrongTokenAndRefusedCommandsExitNonZeroWithAClearMessage() {
        CommandRun wrong = ctl("--server", relay.url(), "--token", "nope", "sessions");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("wrong token"), wrong.err());
        CommandRun unknown = ctl("--ready-file", dir.resolve("ready.json").toString(), "restore-p2p", "--game", "other");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("unknown_game"), unknown.err());
        CommandRun usage = ctl("--ready-file", dir.resolve("ready.json").toString(), "set-link", "--game", "lab",
                "--loss", "2");
        assertEquals(2, usage.exit(), "an impossible link is a usage error");
    }

    @Test
    void readyFileIsWrittenWhole() throws Exception {
        JSONObject ready = new JSONObject(Files.readString(dir.resolve("ready.json")));
        assertEquals(relay.url(), ready.getString("url"));
        assertEquals(relay.observerToken(), ready.getString("observer_token"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    private static CommandRun ctl(String... args) {
        return CommandRun.of("ctl", args);
    }
}
