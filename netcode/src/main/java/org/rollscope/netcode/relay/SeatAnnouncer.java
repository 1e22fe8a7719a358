package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.json.JSONObject;
import org.rollscope.netcode.observer.SessionEvent;

/**
 * Seats taken and left, as session events, for both kinds of seat holder (peers on {@code /}, MUG page probes on
 * {@code /probe}): a displaced holder is told and closed, a new session is {@code created}, a seat {@code joined}
 * or {@code left}, and a session whose last holder left is {@code ended}. Thread-safe; runs on the holder's Jetty
 * thread.
 */
final class SeatAnnouncer {
    private final SessionRegistry registry;
    private final ObserverHub hub;

    SeatAnnouncer(SessionRegistry registry, ObserverHub hub) {
        this.registry = registry;
        this.hub = hub;
    }

    /**
     * Announces a join.
     *
     * @param event the event that took the seat, named in the displaced holder's error
     * @param extra detail for the {@code created} and {@code joined} events (e.g. the seat holder's source)
     */
    void joined(SessionRegistry.JoinOutcome outcome, String event, Map<String, Object> extra) {
        Seat seat = outcome.seat();
        GameSession session = seat.session();
        if (outcome.displaced() != null) {
            publish(session.gameId(), seat.playerId(), SessionEvent.KIND_LEFT, Map.of("reason", "replaced"));
            Outbox.send(outcome.displaced(), EventBoundary.ERROR_EVENT, new JSONObject().put("error", "replaced")
                    .put("message", "another connection took over player " + seat.playerId()).put("event", event));
            outcome.displaced().disconnect(true);
        }
        if (outcome.sessionCreated()) {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("game_seed", session.gameSeed());
            created.putAll(extra);
            publish(session.gameId(), null, SessionEvent.KIND_CREATED, created);
        }
        Map<String, Object> joined = new LinkedHashMap<>();
        joined.put("seat", seat.index());
        joined.put("rejoin", outcome.rejoin());
        if (seat.subjectId() != null) {
            joined.put("subject_id", seat.subjectId());
        }
        joined.putAll(extra);
        publish(session.gameId(), seat.playerId(), SessionEvent.KIND_JOINED, joined);
    }

    /** Frees the seat {@code socket} held, if any, and announces it (and the session's end when it was the last). */
    void left(SocketIoSocket socket, String reason) {
        Seat seat = registry.leave(socket.getId());
        if (seat == null) {
            return; // never seated, or displaced by a newer holder (already announced)
        }
        GameSession session = seat.session();
        publish(session.gameId(), seat.playerId(), SessionEvent.KIND_LEFT, Map.of("reason", reason));
        if (session.isEnded() && !session.anyConnected() && session.claimEndAnnouncement()) {
            publish(session.gameId(), null, SessionEvent.KIND_ENDED, Map.of("reason", "all_left"));
        }
    }

    private void publish(String gameId, String playerId, String kind, Map<String, Object> detail) {
        hub.publish(new SessionEvent(gameId, playerId, System.currentTimeMillis(), kind, detail));
    }
}
