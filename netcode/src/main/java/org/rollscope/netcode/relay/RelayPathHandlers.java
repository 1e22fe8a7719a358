package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import org.json.JSONObject;
import org.rollscope.netcode.json.JsonValue;

/**
 * The relay path between the two seats of a game: MUG's inputs ({@code pyodide_player_action}), its signalling
 * ({@code webrtc_signal}) and Rollscope's binary P2P control messages ({@code rollscope_p2p_message}). Each handler
 * checks the sender's seat, then forwards to the other seat only. Runs on the sender's Jetty thread; never blocks.
 */
final class RelayPathHandlers {
    private final Seats seats;
    private final TrafficCounters traffic;

    RelayPathHandlers(Seats seats, TrafficCounters traffic) {
        this.seats = seats;
        this.traffic = traffic;
    }

    /** {@code pyodide_player_action} → {@code pyodide_other_player_action} to the other seat. */
    void onPlayerAction(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(PeerEvents.PLAYER_ACTION, args);
        Seat seat = seats.requireOwn(socket, PeerEvents.PLAYER_ACTION, in, true);
        JsonValue action = Payloads.requireValue(in, "action");
        long frame = Payloads.requireLong(in, "frame_number");
        JSONObject out = new JSONObject().put("player_id", seat.playerId()).put("action", action.toSocketIo())
                .put("frame_number", frame);
        copyIfPresent(in, out, "timestamp");
        copyIfPresent(in, out, "sync_epoch");
        forward(seat, PeerEvents.OTHER_PLAYER_ACTION, out);
        ack.send(new JSONObject().put("ok", true));
    }

    /** {@code webrtc_signal {game_id, target_player_id, type, payload}} → the target seat only. */
    void onSignal(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(PeerEvents.WEBRTC_SIGNAL, args);
        Seat seat = seats.requireOwn(socket, PeerEvents.WEBRTC_SIGNAL, in, false);
        String target = Payloads.requireId(in, "target_player_id");
        String type = Payloads.requireString(in, "type");
        JsonValue payload = in.opt("payload");
        Seat targetSeat = seat.session().seatOf(target);
        if (targetSeat == null || targetSeat == seat) {
            throw new RelayRequestException(RejectReason.UNKNOWN_PLAYER, "game " + seat.session().gameId()
                    + " has no other player " + Payloads.quote(target));
        }
        SocketIoSocket targetSocket = targetSeat.socket();
        if (targetSocket == null) {
            throw new RelayRequestException(RejectReason.NO_PEER, "player " + Payloads.quote(target) + " is not connected");
        }
        JSONObject out = new JSONObject().put("type", type).put("from_player_id", seat.playerId())
                .put("game_id", seat.session().gameId()).put("payload", payload == null ? JSONObject.NULL : payload.toSocketIo());
        Outbox.send(targetSocket, PeerEvents.WEBRTC_SIGNAL, out);
        ack.send(new JSONObject().put("ok", true));
    }

    /** {@code rollscope_p2p_message {game_id, data: binary}} → the other seat, bytes untouched. */
    void onP2pMessage(SocketIoSocket socket, JsonValue[] args, EventBoundary.Ack ack) {
        JsonValue.Obj in = Payloads.object(PeerEvents.P2P_MESSAGE, args);
        Seat seat = seats.requireOwn(socket, PeerEvents.P2P_MESSAGE, in, false);
        if (!(in.opt("data") instanceof JsonValue.Bin data)) {
            throw Payloads.malformed("data must be binary (a wire.md §1 packet)");
        }
        JSONObject out = new JSONObject().put("game_id", seat.session().gameId())
                .put("from_player_id", seat.playerId()).put("data", data.toSocketIo());
        if (forward(seat, PeerEvents.P2P_MESSAGE, out)) {
            traffic.p2pMessagesRelayed.increment();
        }
        ack.send(new JSONObject().put("ok", true));
    }

    private boolean forward(Seat from, String event, JSONObject payload) {
        Seat other = from.session().other(from);
        SocketIoSocket target = other == null ? null : other.socket();
        if (target == null) {
            traffic.undeliverable.increment(); // the other peer will catch up from its own redundancy
            return false;
        }
        Outbox.send(target, event, payload);
        if (PeerEvents.OTHER_PLAYER_ACTION.equals(event)) {
            traffic.actionsRelayed.increment();
        }
        return true;
    }

    private static void copyIfPresent(JsonValue.Obj in, JSONObject out, String key) {
        JsonValue v = in.opt(key);
        if (v != null) {
            out.put(key, v.toSocketIo());
        }
    }
}
