package org.rollscope.netcode.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.rollscope.netcode.observer.PlayerSummary;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.observer.SessionSummary;

/**
 * One two-player game on the relay: its seats, its seed and a bounded ring of its recent events.
 *
 * <p>Thread-safety: seats and the ready/ended flags change only under the {@link SessionRegistry} lock; the event
 * ring has its own lock. Read from any thread.
 */
final class GameSession {
    /** MUG's games here are two-player. */
    static final int SEATS = 2;

    private final String gameId;
    private final long createdTMs;
    private final long gameSeed;
    /** The session's peer-to-peer key (docs/relay-protocol.md): given to the seat holders only, never to observers. */
    private final byte[] p2pKey;
    /** Written under the registry lock, read lock-free by relay handlers: atomic for visibility. */
    private final AtomicReferenceArray<Seat> seats = new AtomicReferenceArray<>(SEATS);
    private final int eventCapacity;
    private final ArrayDeque<SessionEvent> recentEvents;
    private volatile boolean ready;
    private volatile boolean ended;
    private boolean endAnnounced; // guarded by this

    /** @param p2pKey the key the two peers authenticate their UDP datagrams with ({@link P2pKeys}) */
    GameSession(String gameId, long createdTMs, long gameSeed, int eventCapacity, byte[] p2pKey) {
        this.gameId = gameId;
        this.p2pKey = p2pKey.clone();
        this.createdTMs = createdTMs;
        this.gameSeed = gameSeed;
        this.eventCapacity = eventCapacity;
        this.recentEvents = new ArrayDeque<>(eventCapacity);
    }

    String gameId() {
        return gameId;
    }

    long createdTMs() {
        return createdTMs;
    }

    long gameSeed() {
        return gameSeed;
    }

    /** The peer-to-peer key as sent in {@code pyodide_game_ready} ({@code p2p_key}, base64). */
    String p2pKeyBase64() {
        return java.util.Base64.getEncoder().encodeToString(p2pKey);
    }

    /** Seat {@code index}, or null while nobody has taken it yet. */
    Seat seat(int index) {
        return seats.get(index);
    }

    Seat seatOf(String playerId) {
        for (int i = 0; i < SEATS; i++) {
            Seat seat = seats.get(i);
            if (seat != null && seat.playerId().equals(playerId)) {
                return seat;
            }
        }
        return null;
    }

    /** The seat across from {@code seat}, or null while it has not been taken. */
    Seat other(Seat seat) {
        return seats.get(1 - seat.index());
    }

    /** Index of a never-taken seat, or -1. */
    int openSeatIndex() {
        for (int i = 0; i < SEATS; i++) {
            if (seats.get(i) == null) {
                return i;
            }
        }
        return -1;
    }

    void putSeat(Seat seat) {
        seats.set(seat.index(), seat);
    }

    boolean allSeatsTaken() {
        return openSeatIndex() < 0;
    }

    boolean anyConnected() {
        for (int i = 0; i < SEATS; i++) {
            Seat seat = seats.get(i);
            if (seat != null && seat.isConnected()) {
                return true;
            }
        }
        return false;
    }

    List<String> playerIds() {
        List<String> ids = new ArrayList<>(SEATS);
        for (int i = 0; i < SEATS; i++) {
            Seat seat = seats.get(i);
            if (seat != null) {
                ids.add(seat.playerId());
            }
        }
        return ids;
    }

    boolean isReady() {
        return ready;
    }

    void markReady() {
        ready = true;
    }

    boolean isEnded() {
        return ended;
    }

    void setEnded(boolean value) {
        ended = value;
        if (!value) {
            synchronized (this) {
                endAnnounced = false; // reopened: its next end is news again
            }
        }
    }

    /**
     * Claims the one {@code ended} event of this end of the session: true the first time after the session was
     * (re)opened, false after that, so a peer's {@code ended} and the relay's {@code all_left} never both appear.
     */
    synchronized boolean claimEndAnnouncement() {
        if (endAnnounced) {
            return false;
        }
        endAnnounced = true;
        return true;
    }

    void appendEvent(SessionEvent event) {
        synchronized (recentEvents) {
            if (recentEvents.size() == eventCapacity) {
                recentEvents.removeFirst();
            }
            recentEvents.addLast(event);
        }
    }

    SessionSummary summary() {
        List<PlayerSummary> players = new ArrayList<>(SEATS);
        for (int i = 0; i < SEATS; i++) {
            Seat seat = seats.get(i);
            if (seat != null) {
                players.add(seat.summary());
            }
        }
        List<SessionEvent> events;
        synchronized (recentEvents) {
            events = new ArrayList<>(recentEvents);
        }
        return new SessionSummary(gameId, createdTMs, gameSeed, ready, ended, players, events);
    }
}
