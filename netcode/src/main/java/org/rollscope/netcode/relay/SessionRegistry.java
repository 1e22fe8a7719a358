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
 * reserved. Default player ids are the smallest unused of {@code "0"}, {@code "1"}. Seats are owned: the first join
 * of a seat gets a secret seat token, and re-taking the seat needs it ({@link RejectReason#SEAT_TOKEN_REQUIRED},
 * {@link RejectReason#WRONG_SEAT_TOKEN}) unless the relay runs with open seats (MUG's behaviour). Reservations of
 * ready games are kept in {@link SeatLedger}, so they survive a restart and the pruning of ended sessions. At most
 * {@code maxLiveGames} games are not ended at once ({@link RejectReason#LIMIT_REACHED}).
 *
 * <p>Thread-safety: joins and leaves are serialised on this object; {@link #seatOf} is a lock-free map read, used on
 * every hot-path event. Blocks only for the short joins/leaves of other threads.
 */
final class SessionRegistry {

    /**
     * What a join did, for the caller to announce.
     *
     * @param displaced the connection that held the seat until this join took it over, or null
     * @param seatToken the new seat's token (to be given to the joiner only), or null on a re-take
     */
    record JoinOutcome(Seat seat, boolean sessionCreated, boolean rejoin, boolean becameReady,
                       SocketIoSocket displaced, String seatToken) {
    }

    private final Map<String, GameSession> sessions = new LinkedHashMap<>(); // guarded by this; oldest first
    private final Map<String, Seat> seatsBySocketId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final int eventRingCapacity;
    private final int maxEndedSessions;
    private final int maxLiveGames;
    private final boolean openSeats;
    private final SeatLedger ledger;

    SessionRegistry(int eventRingCapacity, int maxEndedSessions) {
        this(eventRingCapacity, maxEndedSessions, Integer.MAX_VALUE, true, null);
    }

    /**
     * @param maxLiveGames games not ended at once; a join that would create another is refused
     * @param openSeats MUG's rule: a reserved seat is re-taken without its token
     * @param ledger where ready games' reservations are kept, or null to keep them in memory only
     */
    SessionRegistry(int eventRingCapacity, int maxEndedSessions, int maxLiveGames, boolean openSeats,
                    SeatLedger ledger) {
        this.eventRingCapacity = eventRingCapacity;
        this.maxEndedSessions = maxEndedSessions;
        this.maxLiveGames = maxLiveGames;
        this.openSeats = openSeats;
        this.ledger = ledger;
    }

    /**
     * Seats the peer on {@code socket}. Ids must already be checked with {@link SafeIds}.
     *
     * @param seatToken the token the joiner presents for a reserved seat, or null
     * @throws RelayRequestException ALREADY_JOINED, GAME_FULL, SEAT_TOKEN_REQUIRED, WRONG_SEAT_TOKEN, LIMIT_REACHED
     */
    synchronized JoinOutcome join(String gameId, String playerId, String subjectId, String seatToken,
                                  SocketIoSocket socket, long nowMs) {
        return join(gameId, playerId, subjectId, seatToken, false, socket, nowMs);
    }

    /**
     * Seats a holder the relay already authenticated otherwise (a MUG page probe, whose probe key names its seat):
     * no seat token is asked for.
     */
    synchronized JoinOutcome joinTrusted(String gameId, String playerId, String subjectId, SocketIoSocket socket,
                                         long nowMs) {
        return join(gameId, playerId, subjectId, null, true, socket, nowMs);
    }

    private JoinOutcome join(String gameId, String playerId, String subjectId, String seatToken, boolean trusted,
                             SocketIoSocket socket, long nowMs) {
        if (seatsBySocketId.containsKey(socket.getId())) {
            Seat held = seatsBySocketId.get(socket.getId());
            throw new RelayRequestException(RejectReason.ALREADY_JOINED, "this connection already holds player "
                    + held.playerId() + " of game " + held.session().gameId());
        }
        GameSession session = gameId == null ? findOpenSession(playerId) : sessions.get(gameId);
        if (session == null && gameId != null && ledger != null) {
            session = ledger.load(gameId, eventRingCapacity); // a ready game from before a restart or pruning
            if (session != null) {
                sessions.put(gameId, session);
            }
        }
        boolean created = false;
        if (session == null) {
            if (liveGames() >= maxLiveGames) {
                throw new RelayRequestException(RejectReason.LIMIT_REACHED, "the relay already runs "
                        + maxLiveGames + " games; try again later");
            }
            session = new GameSession(gameId == null ? newGameId() : gameId, nowMs,
                    random.nextInt(Integer.MAX_VALUE), eventRingCapacity, P2pKeys.generate(random));
            sessions.put(session.gameId(), session);
            created = true;
        }
        Seat seat = playerId == null ? null : session.seatOf(playerId);
        boolean rejoin = seat != null;
        if (rejoin && !openSeats && !trusted) {
            if (seatToken == null) {
                throw new RelayRequestException(RejectReason.SEAT_TOKEN_REQUIRED, "player " + playerId
                        + " of game " + session.gameId() + " is taken; re-taking it needs its seat_token");
            }
            if (!SeatTokens.matches(seatToken, seat.tokenHash())) {
                throw new RelayRequestException(RejectReason.WRONG_SEAT_TOKEN, "that is not the seat_token of player "
                        + playerId + " of game " + session.gameId());
            }
        }
        SocketIoSocket displaced = rejoin ? seat.socket() : null;
        if (displaced != null) {
            seatsBySocketId.remove(displaced.getId());
        }
        String newToken = null;
        if (!rejoin) {
            int index = session.openSeatIndex();
            if (index < 0) {
                throw new RelayRequestException(RejectReason.GAME_FULL, "game " + session.gameId()
                        + " is full (players " + session.playerIds() + ")");
            }
            newToken = SeatTokens.generate();
            seat = new Seat(session, index, playerId != null ? playerId : defaultPlayerId(session),
                    SeatTokens.hash(newToken));
            session.putSeat(seat);
        }
        seat.take(socket, subjectId);
        session.setEnded(false);
        seatsBySocketId.put(socket.getId(), seat);
        boolean becameReady = !session.isReady() && session.allSeatsTaken();
        if (becameReady) {
            session.markReady();
        }
        if (ledger != null && session.isReady()) { // a re-take may bring a new subject id
            ledger.save(session);
        }
        return new JoinOutcome(seat, created, rejoin, becameReady, displaced, newToken);
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

    private int liveGames() {
        int live = 0;
        for (GameSession session : sessions.values()) {
            live += session.isEnded() ? 0 : 1;
        }
        return live;
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
