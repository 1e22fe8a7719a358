package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import org.rollscope.netcode.json.JsonValue;

/** Checks that tie an event to the sender's own seat. Stateless apart from the registry; thread-safe. */
final class Seats {
    private final SessionRegistry registry;

    Seats(SessionRegistry registry) {
        this.registry = registry;
    }

    /** The sender's seat, or NOT_JOINED. */
    Seat require(SocketIoSocket socket, String event) {
        Seat seat = registry.seatOf(socket.getId());
        if (seat == null) {
            throw new RelayRequestException(RejectReason.NOT_JOINED, "join a game (join_game) before sending " + event);
        }
        return seat;
    }

    /**
     * The sender's seat, after checking the ids the payload claims (when present) are that seat's: a peer cannot act
     * for another seat or another game.
     */
    Seat requireOwn(SocketIoSocket socket, String event, JsonValue.Obj payload, boolean idsRequired) {
        Seat seat = require(socket, event);
        String gameId = idsRequired ? Payloads.requireId(payload, "game_id") : Payloads.optId(payload, "game_id");
        String playerId = idsRequired ? Payloads.requireId(payload, "player_id")
                : Payloads.optId(payload, "player_id");
        if (gameId != null && !gameId.equals(seat.session().gameId())) {
            throw new RelayRequestException(RejectReason.NOT_YOUR_SEAT, "this connection is in game "
                    + seat.session().gameId() + ", not " + Payloads.quote(gameId));
        }
        if (playerId != null && !playerId.equals(seat.playerId())) {
            throw new RelayRequestException(RejectReason.NOT_YOUR_SEAT, "this connection is player "
                    + seat.playerId() + ", not " + Payloads.quote(playerId));
        }
        return seat;
    }
}
