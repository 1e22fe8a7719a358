package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import java.util.Map;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.observer.PlayerSummary;

/**
 * One of a session's two seats, reserved for one player id from the first join on. A peer holds it while connected;
 * after it leaves, only a peer naming the same game and player id can take it again.
 *
 * <p>Thread-safety: {@code socket} changes under the {@link SessionRegistry} lock; the latest sample and health
 * report are volatile and written by the holder's handler thread. Everything may be read from any thread.
 */
final class Seat {
    private final GameSession session;
    private final int index;
    private final String playerId;
    private final String tokenHash;
    private volatile String subjectId;
    private volatile SocketIoSocket socket;
    private volatile PeerSample latestSample;
    private volatile Map<String, Object> latestHealth;

    /** @param tokenHash SHA-256 of the seat token ({@link SeatTokens}), never the token itself */
    Seat(GameSession session, int index, String playerId, String tokenHash) {
        this.session = session;
        this.index = index;
        this.playerId = playerId;
        this.tokenHash = tokenHash;
    }

    /** SHA-256 of the seat's token, as 64 hex characters. */
    String tokenHash() {
        return tokenHash;
    }

    GameSession session() {
        return session;
    }

    int index() {
        return index;
    }

    String playerId() {
        return playerId;
    }

    String subjectId() {
        return subjectId;
    }

    /** The connected holder, or {@code null} while the seat is free. */
    SocketIoSocket socket() {
        return socket;
    }

    boolean isConnected() {
        return socket != null;
    }

    void take(SocketIoSocket newSocket, String newSubjectId) {
        this.socket = newSocket;
        if (newSubjectId != null) {
            this.subjectId = newSubjectId;
        }
    }

    void release() {
        this.socket = null;
    }

    void recordSample(PeerSample sample) {
        this.latestSample = sample;
    }

    void recordHealth(Map<String, Object> health) {
        this.latestHealth = health;
    }

    PlayerSummary summary() {
        return new PlayerSummary(playerId, subjectId, isConnected(), latestSample, latestHealth);
    }
}
