package org.rollscope.netcode.mug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;

/** The pure mapping of MUG's state_update, on the real sample payloads (shared/vectors/mug-state-update-*.json). */
class MugStateMapperTest {
    static final String GAME = "cd8f6b4e-a3fe-4de0-aeb5-d987bbc182ea";
    static final long STATE_MS = 1795236058873L; // summary.timestamp of the game sample

    static ObjectNode sample(String name) {
        return (ObjectNode) MugStateMapper.parse(MugStandIn.sample(name));
    }

    static ObjectNode game(ObjectNode state) {
        return (ObjectNode) state.withArray("multiplayer_games").get(0);
    }

    @Test
    void theGameSampleBecomesOneSessionWithBothSeatsAndTheirMappedReports() {
        MugState state = MugStateMapper.map(sample("mug-state-update-game.json"), 0);
        assertEquals(STATE_MS, state.tMs(), "the state's time is MUG's summary.timestamp, not the receive time");
        assertEquals(0, state.malformed());
        assertEquals(1, state.sessions().size());
        MugSession session = state.sessions().get(0);
        assertEquals(GAME, session.gameId());
        assertEquals(1795236053655L, session.createdTMs());
        assertEquals("multiplayer", session.gameType());
        assertEquals(0, session.currentEpisode());
        assertEquals("healthy", session.sessionHealth());
        assertFalse(session.ended());
        assertNull(session.termination());

        MugPlayer zero = session.players().get(0);
        assertEquals("0", zero.playerId(), "int player ids become strings");
        assertEquals("fake-A-02027db1", zero.subjectId());
        assertEquals("connected", zero.connectionStatus());
        assertEquals(MugPlayer.REPORT_OK, zero.reportStatus());
        MugPeerReport direct = zero.report();
        assertEquals("mug", direct.source());
        assertEquals("direct", direct.connectionType());
        assertEquals("p2p", direct.transport());
        assertEquals("direct", direct.icePath());
        assertEquals(24.5, direct.rttMs());
        assertEquals(MugPeerReport.RTT_KIND, direct.rttKind());
        assertEquals("session_median", direct.rttKind());
        assertEquals("healthy", direct.health());
        assertEquals(0, direct.episode());
        assertEquals(1795236058673L, direct.tMs());

        MugPeerReport turn = session.players().get(1).report();
        assertEquals("1", turn.playerId());
        assertEquals("relay", turn.connectionType());
        assertEquals("p2p", turn.transport(), "MUG's 'relay' is WebRTC through TURN: still peer-to-peer");
        assertEquals("relay", turn.icePath());
        assertEquals(61.0, turn.rttMs());
    }

    @Test
    void fieldsMugDoesNotReportAreNullNeverZero() throws Exception {
        MugPeerReport report = MugStateMapper.map(sample("mug-state-update-game.json"), 0).sessions().get(0)
                .players().get(0).report();
        Map<String, Object> row = report.toTelemetryRow();
        for (String field : List.of("frame", "confirmed_frame", "verified_frame", "rollbacks", "rollback_frames",
                "gap_rate", "buffered_amount", "predicted_frames", "stalls", "fps", "seq")) {
            assertTrue(row.containsKey(field), field + " must be a column");
            assertNull(row.get(field), field + " must be unknown");
        }
        assertEquals(24.5, row.get("rtt_ms"));
        assertEquals("mug", row.get("source"));
        JsonNode json = ObserverProtocol.mapper().valueToTree(row);
        assertTrue(json.get("frame").isNull(), "serialised as null, not 0: " + json);
        assertTrue(json.get("rollbacks").isNull());
    }

    @ParameterizedTest(name = "{0}/{1} -> transport {2}, ice {3}, health {4}")
    @CsvSource(nullValues = "null", value = {
        "socketio_fallback, healthy, relay, null, healthy",
        "direct, degraded, p2p, direct, degraded",
        "relay, reconnecting, p2p, relay, critical",
        "unknown, healthy, null, null, healthy",
        "direct, something_new, p2p, direct, null"})
    void connectionTypeAndStatusMapOntoTransportAndHealth(String type, String status, String transport, String ice,
                                                         String health) {
        ObjectNode state = sample("mug-state-update-game.json");
        ObjectNode report = (ObjectNode) game(state).with("p2p_health").get("1");
        report.put("connection_type", type).put("status", status);
        MugPeerReport mapped = MugStateMapper.map(state, 0).sessions().get(0).players().get(1).report();
        assertEquals(type, mapped.connectionType());
        assertEquals(transport, mapped.transport());
        assertEquals(ice, mapped.icePath());
        assertEquals(status, mapped.status());
        assertEquals(health, mapped.health());
    }

    @Test
    void playerZeroWithoutAHealthEntryShowsNoReport() {
        ObjectNode state = sample("mug-state-update-game.json");
        game(state).with("p2p_health").remove("0"); // what MUG does: 0 is falsy
        MugSession session = MugStateMapper.map(state, 0).sessions().get(0);
        MugPlayer zero = session.players().get(0);
        assertEquals("0", zero.playerId(), "the seat is still listed");
        assertEquals(MugPlayer.REPORT_MISSING, zero.reportStatus());
        assertTrue(zero.noReport());
        assertNull(zero.report());
        assertEquals(MugPlayer.REPORT_OK, session.players().get(1).reportStatus());
        Map<String, Object> health = MugTracker.healthOf(zero);
        assertEquals("missing", health.get("report_status"));
        assertFalse(health.containsKey("rtt_ms"));
    }

    @Test
    void aReportExpiresTenSecondsAfterItsTimestampAtTheStatesTime() {
        ObjectNode state = sample("mug-state-update-game.json");
        ((ObjectNode) game(state).with("p2p_health").get("0")).put("timestamp", 1795236061.0);
        ((ObjectNode) game(state).with("p2p_health").get("1")).put("timestamp", 1795236058.7);
        ((ObjectNode) state.get("summary")).put("timestamp", 1795236068.7);
        List<MugPlayer> players = MugStateMapper.map(state, 0).sessions().get(0).players();
        assertEquals(MugPlayer.REPORT_OK, players.get(0).reportStatus(), "7.7 s old: still current");
        assertEquals(MugPlayer.REPORT_OK, players.get(1).reportStatus(), "exactly 10 s old: still current");
        ((ObjectNode) state.get("summary")).put("timestamp", 1795236068.701);
        players = MugStateMapper.map(state, 0).sessions().get(0).players();
        assertEquals(MugPlayer.REPORT_OK, players.get(0).reportStatus());
        assertEquals(MugPlayer.REPORT_EXPIRED, players.get(1).reportStatus(), "10.001 s old: expired");
        assertNull(players.get(1).report());

        ((ObjectNode) state.get("summary")).put("timestamp", 1795236080.0);
        players = MugStateMapper.map(state, 0).sessions().get(0).players();
        assertTrue(players.stream().allMatch(MugPlayer::noReport), "both expired 21 s later");
    }

    @Test
    void withoutASummaryTimestampReportsAreAgedAgainstTheReceiveTime() {
        ObjectNode state = sample("mug-state-update-game.json");
        state.remove("summary");
        assertEquals(MugPlayer.REPORT_OK, MugStateMapper.map(state, 1795236060000L).sessions().get(0).players()
                .get(0).reportStatus());
        assertEquals(MugPlayer.REPORT_EXPIRED, MugStateMapper.map(state, 1795236070000L).sessions().get(0)
                .players().get(0).reportStatus());
    }

    @Test
    void theEmptySampleHasNoSessionsAndNoEvents() {
        MugState state = MugStateMapper.map(sample("mug-state-update-empty.json"), 0);
        assertEquals(1795235975890L, state.tMs());
        assertTrue(state.sessions().isEmpty());
        assertTrue(state.events().isEmpty());
        assertEquals(0, state.malformed());
    }

    @Test
    void activityEntriesBecomeEventsOnTheirSubjectsGameAndSeat() {
        List<SessionEvent> events = MugStateMapper.map(sample("mug-state-update-game.json"), 0).events();
        assertEquals(List.of("join", "scene_advance", "join", "scene_advance", "match_formed"),
                events.stream().map(SessionEvent::kind).toList());
        SessionEvent joinB = events.get(2);
        assertEquals(GAME, joinB.gameId(), "subject B sits in the game");
        assertEquals("1", joinB.playerId());
        assertEquals(1795236053560L, joinB.tMs());
        assertEquals("fake-B-de7bb0d6", joinB.detail().get("subject_id"));
        assertEquals("mug", joinB.detail().get("source"));
        SessionEvent match = events.get(4);
        assertEquals(GAME, match.gameId());
        assertEquals("FIFOMatchmaker", ((Map<?, ?>) match.detail().get("details")).get("matchmaker"));
    }

    @Test
    void problemsBecomeProblemEvents() {
        ObjectNode state = sample("mug-state-update-game.json");
        state.withArray("problems").addObject().put("timestamp", 1795236058.5).put("type", "high_latency")
                .put("severity", "warning").put("message", "RTT above 300 ms").put("subject_id", "fake-B-de7bb0d6")
                .putNull("game_id");
        state.withArray("problems").addObject().put("timestamp", 1795236058.6).put("type", "server")
                .put("severity", "error").put("message", "disk full");
        List<SessionEvent> problems = MugStateMapper.map(state, 0).events().stream()
                .filter(e -> e.kind().equals(MugStateMapper.KIND_PROBLEM)).toList();
        assertEquals(2, problems.size());
        assertEquals(GAME, problems.get(0).gameId());
        assertEquals("1", problems.get(0).playerId());
        assertEquals("warning", problems.get(0).detail().get("severity"));
        assertEquals("RTT above 300 ms", problems.get(0).detail().get("message"));
        assertNull(problems.get(1).gameId(), "no subject, no game: a server-wide event");
    }

    @Test
    void endedGamesAreListedWithTheirTermination() {
        ObjectNode state = sample("mug-state-update-game.json");
        game(state).putObject("termination").put("reason", "partner_disconnected").put("timestamp", 1795236070.0);
        ObjectNode done = state.withArray("completed_games").addObject();
        done.put("game_id", "old-game").putArray("players").add(0).add(1);
        done.putArray("subject_ids").add("s1").add("s2");
        MugState mapped = MugStateMapper.map(state, 0);
        assertEquals(2, mapped.sessions().size());
        MugSession live = mapped.sessions().get(0);
        assertTrue(live.ended());
        assertEquals("partner_disconnected", live.termination().get("reason"));
        MugSession old = mapped.sessions().get(1);
        assertEquals("old-game", old.gameId());
        assertTrue(old.ended());
        assertEquals("completed", old.termination().get("reason"));
        assertEquals(null, old.players().get(0).connectionStatus(), "s1 is not a current participant");
    }

    @Test
    void aGameInBothListsIsListedOnceAndEnded() {
        ObjectNode state = sample("mug-state-update-game.json");
        state.withArray("completed_games").addObject().put("game_id", GAME).putObject("termination")
                .put("reason", "normal");
        MugState mapped = MugStateMapper.map(state, 0);
        assertEquals(1, mapped.sessions().size());
        assertEquals("normal", mapped.sessions().get(0).termination().get("reason"));
    }

    @Test
    void idsInOtherShapesAreStrings() {
        ObjectNode state = sample("mug-state-update-game.json");
        ArrayNode players = game(state).putArray("players");
        players.add(0.0).add("b7");
        MugSession session = MugStateMapper.map(state, 0).sessions().get(0);
        assertEquals(List.of("0", "b7"), session.players().stream().map(MugPlayer::playerId).toList());
        assertEquals("0", MugJson.id(MugStateMapper.parse("0")));
        assertNull(MugJson.id(MugStateMapper.parse("\"\"")));
    }

    @Test
    void malformedEntriesAreSkippedAndCountedNeverThrown() {
        ObjectNode state = sample("mug-state-update-game.json");
        state.withArray("multiplayer_games").addObject().put("players", "not a list");
        state.withArray("multiplayer_games").addObject().put("game_id", "g2").putArray("players").addObject();
        state.withArray("activity_log").addObject().put("event_type", "join"); // no timestamp
        state.withArray("problems").add("not an object");
        game(state).with("p2p_health").put("1", "garbage");
        MugState mapped = MugStateMapper.map(state, 0);
        assertEquals(4, mapped.malformed());
        assertEquals(1, mapped.sessions().size());
        assertEquals(MugPlayer.REPORT_MISSING, mapped.sessions().get(0).players().get(1).reportStatus());
        assertEquals(5, mapped.events().size());
        assertEquals(1, MugStateMapper.map(MugStateMapper.parse("[1,2]"), 7).malformed());
    }

    @Test
    void consoleLogsKeepWarningsAndErrorsOnly() {
        MugState latest = MugStateMapper.map(sample("mug-state-update-game.json"), 0);
        SessionEvent error = MugStateMapper.consoleLogEvent(MugStateMapper.parse(
                "{\"timestamp\":1795236059.1,\"level\":\"error\",\"message\":\"boom\","
                        + "\"subject_id\":\"fake-A-02027db1\"}"), latest, 0);
        assertEquals(MugStateMapper.KIND_CONSOLE_LOG, error.kind());
        assertEquals(GAME, error.gameId());
        assertEquals("0", error.playerId());
        assertEquals("boom", error.detail().get("message"));
        assertNull(MugStateMapper.consoleLogEvent(MugStateMapper.parse(
                "{\"timestamp\":1.0,\"level\":\"log\",\"message\":\"chatter\"}"), latest, 0));
    }
}
