package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.rollscope.netcode.observer.SessionSummary;

/**
 * Every session on the relay and which connection holds which seat.
 *
 * <p>Seat rules (docs/relay-protocol.md): a join without a game id goes to the oldest session that is not ended,
 * has a never-taken seat and whose seated peers are all connected; otherwise a new session is created. A named game
 * that does not exist is created (so a peer reconnecting to a restarted relay gets its game back). A player id
 * reserves its seat for good: a later join with the same game and player id re-takes it, taking it over from the
 * previous connection if the relay has not yet noticed that one is dead (a peer's socket restart is seen by the peer
 * long before the relay's ping timeout); another id gets {@link RejectReason#GAME_FULL} when both seats are
 * reserved. Default player ids are the smallest unused of {@code "0"}, {@code "1"}. Seats are not authenticated (as
 * in MUG): whoever knows a game and player id can take that seat.
 *
 * <p>Thread-safety: joins and leaves are serialised on this object; {@link #seatOf} is a lock-free map read, used on
 * every hot-path event. Blocks only for the short joins/leaves of other threads.
 */
final class SessionRegistry {

    /**
     * What a join did, for the caller to announce.
     *
     * @param displaced the connection that held the seat until this join took it over, or null
     */
    record JoinOutcome(Seat seat, boolean sessionCreated, boolean rejoin, boolean becameReady,
                       SocketIoSocket displaced) {
    }

    private final Map<String, GameSession> sessions = new LinkedHashMap<>(); // guarded by this; oldest first
    private final Map<String, Seat> seatsBySocketId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final int eventRingCapacity;
    private final int maxEndedSessions;

    SessionRegistry(int eventRingCapacity, int maxEndedSessions) {
        this.eventRingCapacity = eventRingCapacity;
        this.maxEndedSessions = maxEndedSessions;
    }

    /**
     * Seats the peer on {@code socket}. Ids must already be checked with {@link SafeIds}.
     *
     * @throws RelayRequestException ALREADY_JOINED or GAME_FULL
     */
    synchronized JoinOutcome join(String gameId, String playerId, String subjectId, SocketIoSocket socket,
                                  long nowMs) {
        if (seatsBySocketId.containsKey(socket.getId())) {
            Seat held = seatsBySocketId.get(socket.getId());
            throw new RelayRequestException(RejectReason.ALREADY_JOINED, "this connection already holds player "
                    + held.playerId() + " of game " + held.session().gameId());
        }
        GameSession session = gameId == null ? findOpenSession(playerId) : sessions.get(gameId);
        boolean created = false;
        if (session == null) {
            session = new GameSession(gameId == null ? newGameId() : gameId, nowMs,
                    random.nextInt(Integer.MAX_VALUE), eventRingCapacity);
            sessions.put(session.gameId(), session);
            created = true;
        }
        Seat seat = playerId == null ? null : session.seatOf(playerId);
        boolean rejoin = seat != null;
        SocketIoSocket displaced = rejoin ? seat.socket() : null;
        if (displaced != null) {
            seatsBySocketId.remove(displaced.getId());
        }
        if (!rejoin) {
            int index = session.openSeatIndex();
            if (index < 0) {
                throw new RelayRequestException(RejectReason.GAME_FULL, "game " + session.gameId()
                        + " is full (players " + session.playerIds() + ")");
            }
            seat = new Seat(session, index, playerId != null ? playerId : defaultPlayerId(session));
            session.putSeat(seat);
        }
        seat.take(socket, subjectId);
        session.setEnded(false);
        seatsBySocketId.put(socket.getId(), seat);
        boolean becameReady = !session.isReady() && session.allSeatsTaken();
        if (becameReady) {
            session.markReady();
        }
        return new JoinOutcome(seat, created, rejoin, becameReady, displaced);
    }

    /**
     * Frees the seat held by {@code socketId}, if any.
     *
     * @return the seat it held, or null
     */
    synchronized Seat leave(String socketId) {
        Seat seat = seatsBySocketId.remove(socketId);
        if (seat == null) {
            return null;
        }
        seat.release();
        GameSession session = seat.session();
        if (!session.anyConnected()) {
            session.setEnded(true);
            pruneEnded();
        }
        return seat;
    }

    /** The seat held by a connection, or null. Lock-free. */
    Seat seatOf(String socketId) {
        return seatsBySocketId.get(socketId);
    }

    synchronized GameSession get(String gameId) {
        return sessions.get(gameId);
    }

    synchronized int size() {
        return sessions.size();
    }

    synchronized List<SessionSummary> summaries() {
        List<SessionSummary> out = new ArrayList<>(sessions.size());
        for (GameSession session : sessions.values()) {
            out.add(session.summary());
        }
        return out;
    }

    private GameSession findOpenSession(String playerId) {
        for (GameSession session : sessions.values()) {
            boolean partnersPresent = true;
            for (int i = 0; i < GameSession.SEATS; i++) {
                Seat seat = session.seat(i);
                if (seat != null && !seat.isConnected()) {
                    partnersPresent = false;
                }
            }
            if (!session.isEnded() && partnersPresent && session.openSeatIndex() >= 0
                    && (playerId == null || session.seatOf(playerId) == null)) {
                return session;
            }
        }
        return null;
    }

    private String defaultPlayerId(GameSession session) {
        for (int n = 0; ; n++) {
            if (session.seatOf(Integer.toString(n)) == null) {
                return Integer.toString(n);
            }
        }
    }

    private String newGameId() {
        byte[] bytes = new byte[5];
        String id;
        do {
            random.nextBytes(bytes);
            id = "g-" + HexFormat.of().formatHex(bytes);
        } while (sessions.containsKey(id));
        return id;
    }

    /** Keeps at most maxEndedSessions ended sessions, dropping the oldest; live sessions are never dropped. */
    private void pruneEnded() {
        long ended = sessions.values().stream().filter(GameSession::isEnded).count();
        for (Iterator<GameSession> it = sessions.values().iterator(); it.hasNext() && ended > maxEndedSessions; ) {
            if (it.next().isEnded()) {
                it.remove();
                ended--;
            }
        }
    }
}
