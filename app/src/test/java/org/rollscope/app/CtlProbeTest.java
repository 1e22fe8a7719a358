package org.rollscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.relay.ProbeProtocol;
import org.rollscope.netcode.relay.RelayConfig;
import org.rollscope.netcode.relay.RelayServer;

/**
 * {@code rollscope ctl} on a MUG page's seat: a real relay, and a real Socket.IO client on {@code /probe} standing in
 * for the page's probe (it answers as rollscope-probe.js does). The ready file carries the probe key and snippet.
 */
class CtlProbeTest {
    static final String GAME = "3f2a9c1e-7b4d-4e0a-9c1f-2d3e4f5a6b7c";

    @TempDir
    Path dir;
    RelayServer relay;
    Socket probe;
    final CopyOnWriteArrayList<JSONObject> commands = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dir.resolve("data")).build());
        relay.start();
        RelayCommand.writeReadyFile(dir.resolve("ready.json"), relay);
        IO.Options options = new IO.Options();
        options.transports = new String[] {"websocket"};
        options.forceNew = true;
        options.auth = Map.of(ProbeProtocol.AUTH_KEY, relay.probeKey(), ProbeProtocol.AUTH_GAME_ID, GAME,
                ProbeProtocol.AUTH_PLAYER_ID, "1", ProbeProtocol.AUTH_SUBJECT_ID, "subject-7");
        probe = IO.socket(URI.create(relay.url() + ProbeProtocol.NAMESPACE), options);
        probe.on("rollscope_command", args -> {
            JSONObject command = (JSONObject) args[0];
            commands.add(command);
            JSONObject answer = "restore_p2p".equals(command.getString("command"))
                    ? new JSONObject().put("ok", false).put("error", "not_supported").put("message",
                            "MUG cannot return to P2P: its fallback latches for the rest of the game")
                    : new JSONObject().put("ok", true);
            ((Ack) args[args.length - 1]).call(answer);
        });
        CompletableFuture<Object> configured = new CompletableFuture<>();
        probe.on(ProbeProtocol.CONFIG_EVENT, args -> configured.complete(args[0]));
        probe.connect();
        configured.get(30, TimeUnit.SECONDS); // generous: the CI machine is shared
    }

    @AfterEach
    void stop() {
        probe.close();
        relay.close();
    }

    @Test
    void theReadyFileCarriesTheProbeKeyAndTheSceneBodySnippet() throws Exception {
        JSONObject ready = new JSONObject(Files.readString(dir.resolve("ready.json")));
        assertEquals(relay.url(), ready.getString("url"));
        assertEquals(relay.probeKey(), ready.getString("probe_key"));
        assertEquals(relay.probeSnippet(), ready.getString("probe_snippet"));
        assertTrue(!relay.probeKey().equals(relay.observerToken()), "the probe key is not the observer token");
    }

    @Test
    void forceFallbackByMugGameIdAndPlayerReachesTheProbe() {
        CommandRun run = CommandRun.of("ctl", "--ready-file", dir.resolve("ready.json").toString(), "force-fallback",
                "--game", GAME, "--player", "1");
        assertEquals(0, run.exit(), run.err());
        assertEquals("ok", run.out().trim());
        assertEquals(1, commands.size());
        assertEquals("force_fallback", commands.get(0).getString("command"));
        assertEquals(GAME, commands.get(0).getString("game_id"));
        assertEquals("1", commands.get(0).getString("player_id"));
    }

    @Test
    void restoreRefusedByTheProbeExitsOneWithMugsReason() {
        CommandRun run = CommandRun.of("ctl", "--ready-file", dir.resolve("ready.json").toString(), "restore-p2p",
                "--game", GAME, "--player", "1");
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("latches for the rest of the game"), run.err());
    }

    @Test
    void sessionsListsTheProbeSessionWithItsSubject() {
        CommandRun run = CommandRun.of("ctl", "--ready-file", dir.resolve("ready.json").toString(), "sessions");
        assertEquals(0, run.exit(), run.err());
        JSONObject session = new JSONObject(run.out()).getJSONArray("sessions").getJSONObject(0);
        assertEquals(GAME, session.getString("game_id"));
        assertEquals("subject-7", session.getJSONArray("players").getJSONObject(0).getString("subject_id"));
    }
}
