package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 findings 3, 6 and 9: seats are owned (tokens survive a restart), stored episodes are immutable, caps
 * hold, a churn of joins leaves no directories, orphan temporary files are swept, one {@code ended} per end.
 */
class RelaySeatOwnershipTest {
    @TempDir
    Path dataDir;

    @Test
    void aReadyGamesSeatsStayTheirOwnersAcrossARelayRestart() throws Exception {
        String token;
        long seed;
        int port;
        try (RelayFixture first = new RelayFixture(dataDir)) {
            TestPeer a = first.peer();
            JSONObject ack = a.join(new JSONObject().put("game_id", "owned").put("player_id", "0"));
            token = ack.getString("seat_token");
            assertEquals(token, a.await("pyodide_player_assigned").getString("seat_token"));
            seed = ack.getLong("game_seed");
            first.peer().join(new JSONObject().put("game_id", "owned").put("player_id", "1"));
            a.await("pyodide_game_ready");
            port = first.relay.port();
        }
        assertFalse(Files.readString(dataDir.resolve("owned/seats.json")).contains(token), "only hashes on disk");
        try (RelayFixture second = new RelayFixture(dataDir, b -> b.port(port))) {
            TestPeer thief = second.peer();
            assertEquals("seat_token_required", thief.emitAck("join_game",
                    new JSONObject().put("game_id", "owned").put("player_id", "0")).getString("error"));
            assertEquals("game_full", thief.emitAck("join_game", new JSONObject().put("game_id", "owned"))
                    .getString("error"), "both seats stay reserved after the restart");
            TestPeer owner = second.peer();
            JSONObject back = owner.join(new JSONObject().put("game_id", "owned").put("player_id", "0")
                    .put("seat_token", token));
            assertEquals(seed, back.getLong("game_seed"), "the same game, seed included");
            assertEquals(2, second.relay.stats().rejected(RejectReason.SEAT_TOKEN_REQUIRED)
                    + second.relay.stats().rejected(RejectReason.GAME_FULL));
        }
    }

    @Test
    void theP2pKeyGoesToTheTwoSeatHoldersOnlyAndIsTheSameAfterARestart() throws Exception {
        String token;
        String key;
        int port;
        try (RelayFixture first = new RelayFixture(dataDir)) {
            TestPeer a = first.peer();
            token = a.join(new JSONObject().put("game_id", "keyed").put("player_id", "0")).getString("seat_token");
            TestPeer b = first.peer();
            b.join(new JSONObject().put("game_id", "keyed").put("player_id", "1"));
            key = a.await("pyodide_game_ready").getString("p2p_key");
            assertEquals(key, b.await("pyodide_game_ready").getString("p2p_key"), "one key for both seats");
            assertEquals(32, java.util.Base64.getDecoder().decode(key).length);
            TestPeer observer = first.track(TestPeer.connect(first.relay.url(),
                    org.rollscope.netcode.observer.ObserverProtocol.NAMESPACE, java.util.Map.of("token", "test-token"),
                    true));
            String snapshot = observer.await(org.rollscope.netcode.observer.ObserverProtocol.SESSIONS_SNAPSHOT)
                    .toString();
            assertTrue(snapshot.contains("keyed") && !snapshot.contains(key), "observers never see it: " + snapshot);
            assertFalse(Files.readString(dataDir.resolve("keyed/events.jsonl")).contains(key), "nor the journal");
            port = first.relay.port();
        }
        try (RelayFixture second = new RelayFixture(dataDir, b -> b.port(port))) {
            TestPeer owner = second.peer();
            owner.join(new JSONObject().put("game_id", "keyed").put("player_id", "0").put("seat_token", token));
            assertEquals(key, owner.await("pyodide_game_ready").getString("p2p_key"),
                    "a returning peer gets the key both peers already use");
        }
    }

    @Test
    void openSeatsLetAnyoneNamingTheSeatRetakeItAsInMug() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir, b -> b.openSeats(true))) {
            TestPeer[] pair = fixture.pair("mug");
            pair[0].close();
            TestPeer other = fixture.peer();
            assertEquals("0", other.join(new JSONObject().put("game_id", "mug").put("player_id", "0"))
                    .getString("player_id"));
        }
    }

    @Test
    void aStoredEpisodeIsNeverReplacedTheSameBytesAreAcknowledgedAgain() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir)) {
            TestPeer[] pair = fixture.pair("imm");
            String csv = "episode,frame\n0,0\n0,1\n";
            JSONObject first = pair[0].emitAck("emit_episode_data", episode(5, csv));
            assertTrue(first.getBoolean("ok"), first.toString());
            JSONObject again = pair[0].emitAck("emit_episode_data", episode(5, csv));
            assertTrue(again.getBoolean("ok") && again.getBoolean("already_stored"), again.toString());
            JSONObject other = pair[0].emitAck("emit_episode_data", episode(5, "x".repeat(33)));
            assertEquals("conflict", other.getString("error"), other.toString());
            assertEquals(csv, Files.readString(dataDir.resolve("imm/0_ep5.csv")), "the stored file is unchanged");
            assertTrue(Files.readString(dataDir.resolve("imm/events.jsonl")).contains("\"episode_conflict\""));
            assertEquals(1, fixture.relay.stats().episodesStored());
            assertEquals(1, fixture.relay.stats().rejected(RejectReason.CONFLICT));
        }
    }

    @Test
    void capsOnLiveGamesAndEpisodesAreClearErrors() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir, b -> b.maxLiveGames(3).maxEpisodesPerSeat(2))) {
            TestPeer[] pair = fixture.pair("g1");
            fixture.peer().join(new JSONObject().put("game_id", "g2"));
            fixture.peer().join(new JSONObject().put("game_id", "g3"));
            JSONObject refused = fixture.peer().emitAck("join_game", new JSONObject().put("game_id", "g4"));
            assertEquals("limit_reached", refused.getString("error"), refused.toString());
            assertTrue(refused.getString("message").contains("3 games"), refused.toString());
            assertTrue(pair[0].emitAck("emit_episode_data", episode(1, "a\n")).getBoolean("ok"));
            JSONObject beyond = pair[0].emitAck("emit_episode_data", episode(2, "a\n"));
            assertEquals("limit_reached", beyond.getString("error"), beyond.toString());
        }
    }

    @Test
    void aChurnOfJoinsLeavesNoDirectories() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir)) {
            for (int i = 0; i < 200; i++) {
                TestPeer p = TestPeer.connect(fixture.relay.url());
                p.join(new JSONObject().put("game_id", "churn-" + i));
                p.close();
            }
            Await.until(TestPeer.WAIT, () -> fixture.relay.stats().peersConnected() == 0,
                    () -> fixture.relay.stats().toString());
            try (Stream<Path> dirs = Files.list(dataDir)) {
                assertEquals(List.of(), dirs.toList(), "never-ready games are kept in memory only");
            }
        }
    }

    @Test
    void orphanTemporaryFilesAreSweptAtStart() throws Exception {
        Files.createDirectories(dataDir.resolve("crashed"));
        Path orphan = Files.writeString(dataDir.resolve("crashed/.0_ep3.csv12345.tmp"), "half an episode");
        Path kept = Files.writeString(dataDir.resolve("crashed/0_ep2.csv"), "a whole episode\n");
        try (RelayFixture fixture = new RelayFixture(dataDir)) {
            assertFalse(Files.exists(orphan));
            assertTrue(Files.exists(kept));
        }
    }

    @Test
    void aSessionEndsOnceEvenWhenBothPeersSayItEnded() throws Exception {
        try (RelayFixture fixture = new RelayFixture(dataDir)) {
            TestPeer[] pair = fixture.pair("fin");
            pair[0].emitAck("peer_event", new JSONObject().put("kind", "ended").put("detail", "done"));
            pair[1].emitAck("peer_event", new JSONObject().put("kind", "ended").put("detail", "done"));
            pair[0].close();
            pair[1].close();
            Await.until(TestPeer.WAIT, () -> fixture.relay.stats().peersConnected() == 0,
                    () -> fixture.relay.stats().toString());
            long ended = Files.readAllLines(dataDir.resolve("fin/events.jsonl")).stream()
                    .filter(line -> new JSONObject(line).getString("kind").equals("ended")).count();
            assertEquals(1, ended);
        }
    }

    private static JSONObject episode(int episode, String csv) {
        return new JSONObject().put("episode", episode).put("format", "csv").put("data", csv);
    }
}
