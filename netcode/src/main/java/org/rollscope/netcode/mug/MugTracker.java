package org.rollscope.netcode.mug;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rollscope.netcode.observer.PlayerSummary;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionSummary;
import org.rollscope.netcode.observer.SessionsSnapshot;

/**
 * The memory of a MUG observation across successive {@code state_update}s: MUG resends its whole activity log and
 * problem list every second, and forgets games, so this keeps what a user expects to see.
 *
 * <ul>
 *   <li>Events are reported once: an entry seen before (same kind, time and detail, whatever game it was resolved
 *       to) is not new, including a live {@code activity_event} that reappears in the next {@code activity_log}.</li>
 *   <li>Every game stays listed once seen. A game that ends (termination set, or in {@code completed_games}) or
 *       disappears from the server's list yields one {@code ended} event whose detail carries the termination; at
 *       most {@link #MAX_ENDED} ended games are kept (oldest dropped).</li>
 *   <li>A health report is new when its seat's report time changed: {@link Update#reports()} is MUG's ~0.5 Hz
 *       per-seat timeline, each report once.</li>
 * </ul>
 *
 * <p>Not thread-safe: {@link MugSource} calls it on the Socket.IO event thread only.
 */
public final class MugTracker {

    /** Events kept per session for snapshots (as the relay does). */
    public static final int EVENTS_PER_SESSION = 200;
    /** Ended games remembered. */
    public static final int MAX_ENDED = 1000;
    /** Distinct event keys remembered for deduplication (far more than MUG's log window). */
    static final int MAX_SEEN_EVENTS = 50_000;
    /** Termination of a game that vanished from the server's lists without one. */
    public static final String REASON_NO_LONGER_LISTED = "no_longer_listed";

    private final Map<String, MugSession> sessions = new LinkedHashMap<>();
    private final Map<String, Deque<SessionEvent>> eventsBySession = new HashMap<>();
    private final Set<EventKey> seen = new LinkedHashSet<>();
    private final Map<String, Long> lastReportMs = new HashMap<>();
    private MugState latest;

    /** What one state update changed. */
    public record Update(SessionsSnapshot snapshot, List<MugSession> sessions, List<SessionEvent> newEvents,
                         List<MugPeerReport> reports) {
    }

    /** Merges one mapped state; returns the full picture and what is new since the previous update. */
    public Update apply(MugState state) {
        latest = state;
        List<SessionEvent> fresh = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (MugSession session : state.sessions()) {
            listed.add(session.gameId());
            MugSession before = sessions.get(session.gameId());
            if (before != null && before.ended() && !session.ended()) {
                session = session.ended(before.termination()); // MUG does not reopen games
            }
            sessions.put(session.gameId(), session); // keeps first-seen order
            if (session.ended() && (before == null || !before.ended())) {
                fresh.add(endedEvent(session, state.tMs()));
            }
        }
        for (Map.Entry<String, MugSession> entry : sessions.entrySet()) {
            MugSession session = entry.getValue();
            if (!listed.contains(entry.getKey()) && !session.ended()) {
                MugSession gone = session.ended(Map.of("reason", REASON_NO_LONGER_LISTED)).withReportsExpired();
                entry.setValue(gone);
                fresh.add(endedEvent(gone, state.tMs()));
            }
        }
        for (SessionEvent event : state.events()) {
            if (remember(event)) {
                fresh.add(event);
            }
        }
        fresh.sort((a, b) -> Long.compare(a.tMs(), b.tMs()));
        fresh.forEach(this::keep);
        dropOldEnded();
        return new Update(snapshot(state.tMs()), List.copyOf(sessions.values()), List.copyOf(fresh),
                newReports(state));
    }

    /**
     * A live event ({@code activity_event}, {@code console_log}): returns it if new (and keeps it for snapshots),
     * {@code null} if it was already seen.
     */
    public SessionEvent offer(SessionEvent event) {
        if (event == null || !remember(event)) {
            return null;
        }
        keep(event);
        return event;
    }

    /** The most recent state applied, or null (live events resolve their game against it). */
    public MugState latest() {
        return latest;
    }

    /** Every session known, in the observer package's shape (see {@link MugSource} for the field conventions). */
    public SessionsSnapshot snapshot(long tMs) {
        List<SessionSummary> summaries = new ArrayList<>();
        for (MugSession session : sessions.values()) {
            summaries.add(summary(session, List.copyOf(eventsBySession.getOrDefault(session.gameId(),
                    new ArrayDeque<>()))));
        }
        return new SessionsSnapshot(tMs, summaries);
    }

    /**
     * One MUG session in the observer's shape: {@code game_seed} 0 and {@code created_t_ms} 0 when MUG gave none
     * (MUG has no seed: not meaningful for a MUG source), {@code ready} = two seats, each player's {@code sample}
     * {@code null} (MUG sends no Rollscope telemetry: every sample field is unknown) and {@code health} from
     * {@link #healthOf(MugPlayer)}.
     */
    public static SessionSummary summary(MugSession session, List<SessionEvent> events) {
        List<PlayerSummary> players = new ArrayList<>();
        for (MugPlayer player : session.players()) {
            boolean connected = player.connectionStatus() != null ? "connected".equals(player.connectionStatus())
                    : !session.ended();
            players.add(new PlayerSummary(player.playerId(), player.subjectId(), connected, null, healthOf(player)));
        }
        return new SessionSummary(session.gameId(), session.createdTMs() == null ? 0 : session.createdTMs(), 0,
                session.players().size() >= 2, session.ended(), players, events);
    }

    /**
     * A seat's {@code PlayerSummary.health} map for a MUG source: always {@code source: "mug"} and
     * {@code report_status} ({@code ok}, {@code missing}, {@code expired}: the last two mean "no report"); with a
     * report, MUG's raw fields ({@code connection_type}, {@code latency_ms}, {@code status}, {@code episode}) as a
     * relay's health map has them, plus the mapped {@code transport}, {@code ice_path}, {@code rtt_ms},
     * {@code rtt_kind} ({@code session_median}), {@code health} and {@code t_ms}. Values may be null.
     */
    public static Map<String, Object> healthOf(MugPlayer player) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("source", MugPeerReport.SOURCE);
        health.put("report_status", player.reportStatus());
        MugPeerReport report = player.report();
        if (report != null) {
            health.put("connection_type", report.connectionType());
            health.put("latency_ms", report.rttMs());
            health.put("status", report.status());
            health.put("episode", report.episode());
            health.put("transport", report.transport());
            health.put("ice_path", report.icePath());
            health.put("rtt_ms", report.rttMs());
            health.put("rtt_kind", report.rttKind());
            health.put("health", report.health());
            health.put("t_ms", report.tMs());
        }
        return health;
    }

    private List<MugPeerReport> newReports(MugState state) {
        List<MugPeerReport> reports = new ArrayList<>();
        for (MugSession session : state.sessions()) {
            for (MugPlayer player : session.players()) {
                MugPeerReport report = player.report();
                if (report == null) {
                    continue;
                }
                String seat = session.gameId() + "\u0000" + player.playerId();
                Long previous = lastReportMs.put(seat, report.tMs());
                if (previous == null || !previous.equals(report.tMs())) {
                    reports.add(report);
                }
            }
        }
        return reports;
    }

    private static SessionEvent endedEvent(MugSession session, long tMs) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("source", MugPeerReport.SOURCE);
        detail.put("termination", session.termination());
        Object reason = session.termination() == null ? null : session.termination().get("reason");
        if (reason != null) {
            detail.put("reason", reason);
        }
        return new SessionEvent(session.gameId(), null, endedAtMs(session.termination(), tMs),
                SessionEvent.KIND_ENDED, detail);
    }

    /** When the game ended, if MUG's termination says so (epoch seconds), else when we noticed. */
    private static long endedAtMs(Map<String, Object> termination, long noticedMs) {
        for (String field : new String[] {"timestamp", "ended_at", "end_time"}) {
            if (termination != null && termination.get(field) instanceof Number seconds) {
                return Math.round(seconds.doubleValue() * 1000);
            }
        }
        return noticedMs;
    }

    private boolean remember(SessionEvent event) {
        if (!seen.add(new EventKey(event.kind(), event.tMs(), event.detail()))) {
            return false;
        }
        if (seen.size() > MAX_SEEN_EVENTS) {
            Iterator<EventKey> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    private void keep(SessionEvent event) {
        if (event.gameId() == null) {
            return; // server-wide: delivered live, not part of any session's window
        }
        Deque<SessionEvent> window = eventsBySession.computeIfAbsent(event.gameId(), id -> new ArrayDeque<>());
        window.addLast(event);
        while (window.size() > EVENTS_PER_SESSION) {
            window.removeFirst();
        }
    }

    private void dropOldEnded() {
        long ended = sessions.values().stream().filter(MugSession::ended).count();
        Iterator<MugSession> it = sessions.values().iterator();
        while (ended > MAX_ENDED && it.hasNext()) {
            MugSession session = it.next();
            if (session.ended()) {
                it.remove();
                eventsBySession.remove(session.gameId());
                ended--;
            }
        }
    }

    /** An event's identity for deduplication: not its resolved game/seat, which may change between updates. */
    private record EventKey(String kind, long tMs, Map<String, Object> detail) {
    }
}
