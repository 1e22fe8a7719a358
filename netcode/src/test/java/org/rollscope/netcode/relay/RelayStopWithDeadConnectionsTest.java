package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rollscope.netcode.archive.ArchiveConfig;

/**
 * A relay whose peers and observers all stopped answering (frozen machines, vanished networks: upgraded WebSocket
 * connections left open, never read again, no pong, no close frame) still stops: close() returns, the port is free
 * for the next relay, and the archive holds every sample those peers sent.
 */
class RelayStopWithDeadConnectionsTest {
    private static final int SESSIONS = 100;
    private static final int SAMPLES_PER_PEER = 50;
    private static final int OBSERVERS = 10;

    @TempDir
    Path dataDir;

    @Test
    void closeReturnsWithHundredsOfSilentConnectionsAndTheArchiveKeepsEverySample() throws Exception {
        RelayServer relay = new RelayServer(RelayConfig.builder().port(0).dataDir(dataDir).observerToken("test-token")
                .archive(ArchiveConfig.EMBEDDED)
                .pingInterval(Duration.ofMinutes(10)).pingTimeout(Duration.ofMinutes(10)) // engine.io must not
                .eventsPerSecondPerAddress(1_000_000)                                     // reap them first
                .build());
        relay.start();
        int port = relay.port();
        List<SilentWebSocket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < OBSERVERS; i++) {
                SilentWebSocket observer = SilentWebSocket.open(port);
                silent.add(observer);
                observer.connectNamespace("40/observer,{\"token\":\"test-token\"}");
            }
            for (int i = 0; i < 2 * SESSIONS; i++) {
                SilentWebSocket peer = SilentWebSocket.open(port);
                silent.add(peer);
                peer.connectNamespace("40");
                peer.sendText("420[\"join_game\"," + new JSONObject().put("game_id", "dead" + i / 2) + "]");
                peer.readUntil("430[");
                for (int seq = 0; seq < SAMPLES_PER_PEER; seq++) {
                    peer.sendText("42[\"peer_telemetry\"," + RelayObserverTest.sampleJson(seq) + "]");
                }
            }
            long sent = 2L * SESSIONS * SAMPLES_PER_PEER;
            Await.until(TestPeer.WAIT, () -> relay.stats().samplesReceived() == sent, () -> "" + relay.stats());
            // From here on nobody reads or answers: the observers' small windows are full of telemetry the relay
            // still wants to send, and every peer is owed pings and seat announcements.

            CompletableFuture<Void> closing = CompletableFuture.runAsync(relay::close);
            closing.get(60, TimeUnit.SECONDS); // a hang guard, not a timing: ~0.5 s on the build machine

            assertThrows(ConnectException.class, () -> {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                }
            }, "nothing listens on the relay's port any more");
            assertEquals(sent, relay.archiveStats().samplesWritten(), "" + relay.archiveStats());
            assertEquals(sent, archivedSamples(), "rows in the archive file");
            RelayServer next = new RelayServer(RelayConfig.builder().port(port).dataDir(dataDir.resolve("next"))
                    .build());
            next.start(); // the same port binds again at once
            assertEquals(port, next.port());
            next.close();
        } finally {
            relay.close();
            for (SilentWebSocket socket : silent) {
                closeQuietly(socket);
            }
        }
    }

    private long archivedSamples() throws Exception {
        try (Connection db = DriverManager.getConnection(ArchiveConfig.EMBEDDED.resolveUrl(dataDir));
             ResultSet rows = db.createStatement().executeQuery("SELECT COUNT(*) FROM samples")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void closeQuietly(SilentWebSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the relay is gone; nothing to clean up
        }
    }
}
