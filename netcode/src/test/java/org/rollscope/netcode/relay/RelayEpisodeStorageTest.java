package org.rollscope.netcode.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** emit_episode_data: stored atomically at the seat's path, acknowledged only once written. */
class RelayEpisodeStorageTest {
    @TempDir
    Path root;
    RelayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RelayFixture(root.resolve("data"));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void episodeCsvIsStoredAtTheSeatsPathAndAcknowledgedOnceWritten() throws Exception {
        TestPeer a = fixture.peer();
        a.join(new JSONObject().put("game_id", "exp-1").put("player_id", "p0"));
        String csv = "frame,action.0,action.1\n0,1,2\n1,3,4\n";
        for (int episode = 0; episode < 2; episode++) {
            JSONObject ack = a.emitAck("emit_episode_data", new JSONObject().put("episode", episode)
                    .put("format", "csv").put("data", csv + "# episode " + episode + "\n"));
            assertEquals("ok", ack.getString("status"), ack.toString());
            Path stored = root.resolve("data/exp-1/p0_ep" + episode + ".csv");
            assertTrue(Files.exists(stored), "acknowledged before the file existed: " + stored);
            assertEquals(csv + "# episode " + episode + "\n", Files.readString(stored));
            assertEquals("exp-1/p0_ep" + episode + ".csv", ack.getString("path"));
        }
        try (Stream<Path> files = Files.list(root.resolve("data/exp-1"))) {
            assertEquals(List.of("events.jsonl", "p0_ep0.csv", "p0_ep1.csv"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left behind");
        }
        String journal = Files.readString(root.resolve("data/exp-1/events.jsonl"));
        assertTrue(journal.contains("\"kind\":\"export_stored\""), journal);
        assertEquals(2, fixture.relay.stats().episodesStored());
    }

    @Test
    void partialEpisodeIsStoredUnderItsOwnNameBesideAWholeOneAndAPartialFlagMustBeABoolean() throws Exception {
        TestPeer a = fixture.peer();
        a.join(new JSONObject().put("game_id", "exp-3").put("player_id", "p0"));
        JSONObject whole = a.emitAck("emit_episode_data", new JSONObject().put("episode", 0).put("data", "whole\n"));
        JSONObject partial = a.emitAck("emit_episode_data", new JSONObject().put("episode", 1).put("data", "cut\n")
                .put("partial", true));
        assertEquals("exp-3/p0_ep0.csv", whole.getString("path"));
        assertEquals("exp-3/p0_ep1.partial.csv", partial.getString("path"), partial.toString());
        assertEquals("cut\n", Files.readString(root.resolve("data/exp-3/p0_ep1.partial.csv")));
        assertFalse(Files.exists(root.resolve("data/exp-3/p0_ep1.csv")), "never under the whole episode's name");
        JSONObject bad = a.emitAck("emit_episode_data", new JSONObject().put("episode", 2).put("data", "x\n")
                .put("partial", "yes"));
        assertEquals("malformed", bad.getString("error"), bad.toString());
    }

    @Test
    void pathTricksAndForeignSeatsAreRejectedAndNothingIsWrittenOutsideTheDataDir() throws Exception {
        TestPeer a = fixture.peer();
        a.join(new JSONObject().put("game_id", "exp-2"));
        JSONObject traversal = a.emitAck("emit_episode_data", new JSONObject().put("game_id", "../../escape")
                .put("episode", 0).put("data", "x\n"));
        assertEquals("invalid_id", traversal.getString("error"));
        JSONObject dotted = a.emitAck("emit_episode_data", new JSONObject().put("player_id", "..")
                .put("episode", 0).put("data", "x\n"));
        assertEquals("invalid_id", dotted.getString("error"));
        JSONObject foreign = a.emitAck("emit_episode_data", new JSONObject().put("player_id", "1")
                .put("episode", 0).put("data", "x\n"));
        assertEquals("not_your_seat", foreign.getString("error"));
        JSONObject format = a.emitAck("emit_episode_data", new JSONObject().put("episode", 0)
                .put("format", "parquet").put("data", "x"));
        assertEquals("unsupported_format", format.getString("error"));
        JSONObject negative = a.emitAck("emit_episode_data", new JSONObject().put("episode", -1).put("data", "x"));
        assertEquals("malformed", negative.getString("error"));

        assertFalse(Files.exists(root.resolve("escape")));
        try (Stream<Path> all = Files.walk(root)) {
            assertTrue(all.noneMatch(p -> p.toString().endsWith(".csv")), "nothing stored");
        }
        assertEquals(2, fixture.relay.stats().rejected(RejectReason.INVALID_ID));
    }
}
