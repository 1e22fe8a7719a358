package org.rollscope.netcode.mug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rollscope.netcode.observer.PlayerSummary;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionSummary;

/** What MugTracker remembers across successive state_updates: events once, ended games kept, reports once. */
class MugTrackerTest {
    private final MugTracker tracker = new MugTracker();

    private static ObjectNode gameSample() {
        return MugStateMapperTest.sample("mug-state-update-game.json");
    }

    private MugTracker.Update apply(ObjectNode state) {
        return tracker.apply(MugStateMapper.map(state, 0));
    }

    @Test
    void theResentLogGivesEachEventOnce() {
        ObjectNode state = gameSample();
        assertEquals(5, apply(state).newEvents().size());
        assertEquals(0, apply(state).newEvents().size(), "the same log again: nothing new");
        state.withArray("problems").addObject().put("timestamp", 1795236059.0).put("type", "high_latency")
                .put("severity", "warning").put("message", "slow").put("subject_id", "fake-A-02027db1");
        state.withArray("activity_log").addObject().put("timestamp", 1795236059.2).put("event_type", "disconnect")
                .put("subject_id", "fake-B-de7bb0d6");
        List<SessionEvent> fresh = apply(state).newEvents();
        assertEquals(List.of("problem", "disconnect"), fresh.stream().map(SessionEvent::kind).toList());
        assertEquals(0, apply(state).newEvents().size());
        assertEquals(7, tracker.snapshot(0).sessions().get(0).events().size(), "kept for snapshots");
    }

    @Test
    void aLiveActivityEventIsNotRepeatedWhenTheNextLogCarriesIt() {
        ObjectNode state = gameSample();
        apply(state);
        ObjectNode live = state.withArray("activity_log").addObject();
        live.put("timestamp", 1795236060.0).put("event_type", "episode_complete").put("subject_id", "fake-A-02027db1")
                .putObject("details").put("episode", 0);
        SessionEvent event = tracker.offer(MugStateMapper.activityEvent(live, tracker.latest()));
        assertNotNull(event);
        assertEquals("0", event.playerId());
        assertNull(tracker.offer(MugStateMapper.activityEvent(live, tracker.latest())), "twice live: once");
        assertTrue(apply(state).newEvents().isEmpty(), "the log now holds it: not new");
    }

    @Test
    void aGameThatEndsOrVanishesStaysListedWithOneEndedEvent() {
        apply(gameSample());
        MugTracker.Update gone = apply(MugStateMapperTest.sample("mug-state-update-empty.json"));
        assertEquals(1, gone.sessions().size(), "still listed");
        MugSession session = gone.sessions().get(0);
        assertTrue(session.ended());
        assertEquals(MugTracker.REASON_NO_LONGER_LISTED, session.termination().get("reason"));
        assertEquals(1, gone.newEvents().size());
        SessionEvent ended = gone.newEvents().get(0);
        assertEquals(SessionEvent.KIND_ENDED, ended.kind());
        assertEquals(MugStateMapperTest.GAME, ended.gameId());
        assertEquals("no_longer_listed", ended.detail().get("reason"));
        assertTrue(apply(MugStateMapperTest.sample("mug-state-update-empty.json")).newEvents().isEmpty());
        SessionSummary summary = gone.snapshot().sessions().get(0);
        assertTrue(summary.ended());
        assertTrue(session.players().stream().allMatch(p -> MugPlayer.REPORT_EXPIRED.equals(p.reportStatus())),
                "its last reports will never be refreshed: not shown as current");
        assertEquals(STATE_EMPTY_MS, ended.tMs(), "noticed at the state's time");
    }

    static final long STATE_EMPTY_MS = 1795235975890L;

    @Test
    void anEndedEventCarriesMugsEndTimeWhenTheTerminationHasOne() {
        ObjectNode state = gameSample();
        MugStateMapperTest.game(state).putObject("termination").put("reason", "normal").put("timestamp", 1795236070.5);
        SessionEvent ended = apply(state).newEvents().stream().filter(e -> e.kind().equals("ended")).findFirst()
                .orElseThrow();
        assertEquals(1795236070500L, ended.tMs());
    }

    @Test
    void aTerminationIsReportedOnceAndKeptEvenIfMugListsTheGameAgainWithoutIt() {
        ObjectNode state = gameSample();
        apply(state);
        MugStateMapperTest.game(state).putObject("termination").put("reason", "focus_loss_timeout");
        MugTracker.Update ended = apply(state);
        List<SessionEvent> endedEvents = ended.newEvents().stream().filter(e -> e.kind().equals("ended")).toList();
        assertEquals(1, endedEvents.size());
        assertEquals("focus_loss_timeout", endedEvents.get(0).detail().get("reason"));
        assertEquals(0, apply(state).newEvents().size());
        MugStateMapperTest.game(state).putNull("termination");
        MugSession again = apply(state).sessions().get(0);
        assertTrue(again.ended(), "MUG does not reopen a game");
        assertEquals("focus_loss_timeout", again.termination().get("reason"));
    }

    @Test
    void aReportIsNewOnlyWhenItsTimestampChanges() {
        ObjectNode state = gameSample();
        assertEquals(2, apply(state).reports().size());
        assertEquals(0, apply(state).reports().size());
        ((ObjectNode) MugStateMapperTest.game(state).with("p2p_health").get("1")).put("timestamp", 1795236060.67)
                .put("latency_ms", 70.0);
        List<MugPeerReport> reports = apply(state).reports();
        assertEquals(1, reports.size());
        assertEquals("1", reports.get(0).playerId());
        assertEquals(70.0, reports.get(0).rttMs());
    }

    @Test
    void theObserverShapeHasNoSampleAndAMugHealthMap() {
        ObjectNode state = gameSample();
        MugStateMapperTest.game(state).with("p2p_health").remove("0");
        SessionSummary summary = apply(state).snapshot().sessions().get(0);
        assertEquals(MugStateMapperTest.GAME, summary.gameId());
        assertTrue(summary.ready());
        assertFalse(summary.ended());
        assertEquals(1795236053655L, summary.createdTMs());
        PlayerSummary zero = summary.players().get(0);
        PlayerSummary one = summary.players().get(1);
        assertNull(zero.sample(), "no Rollscope telemetry from MUG: every sample field unknown");
        assertTrue(zero.connected());
        assertEquals(Map.of("source", "mug", "report_status", "missing"), zero.health());
        assertEquals("p2p", one.health().get("transport"));
        assertEquals("relay", one.health().get("ice_path"));
        assertEquals(61.0, one.health().get("rtt_ms"));
        assertEquals("session_median", one.health().get("rtt_kind"));
        assertEquals("healthy", one.health().get("health"));
    }
}
