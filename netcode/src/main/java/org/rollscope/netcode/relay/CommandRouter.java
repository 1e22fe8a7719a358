package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONObject;
import org.rollscope.netcode.json.JsonValue;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionEvent;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * Carries an observer's command to the peer(s) of a session and collects their acknowledgements. The relay sends
 * each target seat {@code rollscope_command {id, command, args, game_id, player_id}} with a Socket.IO ack; the
 * observer's command completes {@code {ok: true}} once every target acknowledged {@code {ok: true}}, or with the
 * first refusal, or with {@code timeout} after the configured wait. Each command becomes a {@code command} session
 * event carrying its outcome.
 *
 * <p>Threads: {@link #route} runs on the observer's Jetty thread and never blocks; acknowledgements complete on the
 * peers' Jetty threads, timeouts on {@code relay-timers}. The returned future completes exactly once.
 */
final class CommandRouter {
    /** The event a peer receives for a command. */
    static final String COMMAND_EVENT = PeerEvents.COMMAND;

    private final SessionRegistry registry;
    private final ObserverHub hub;
    private final ScheduledExecutorService timers;
    private final Duration timeout;
    private final RejectCounters counters;
    private final AtomicLong nextId = new AtomicLong(1);

    CommandRouter(SessionRegistry registry, ObserverHub hub, ScheduledExecutorService timers, Duration timeout,
                  RejectCounters counters) {
        this.registry = registry;
        this.hub = hub;
        this.timers = timers;
        this.timeout = timeout;
        this.counters = counters;
    }

    /**
     * Validates and forwards a command.
     *
     * @param command {@code force_fallback}, {@code restore_p2p} or {@code set_link}
     * @param payload the observer's payload: {@code game_id}, optional {@code player_id}, and for set_link the link
     *     fields (absent ones are 0)
     * @throws RelayRequestException for an unknown game or player, a seat with no peer, or an invalid link
     */
    CompletableFuture<CommandResult> route(String command, JsonValue.Obj payload) {
        String gameId = Payloads.requireId(payload, "game_id");
        String playerId = Payloads.optId(payload, "player_id");
        GameSession session = registry.get(gameId);
        if (session == null) {
            throw new RelayRequestException(RejectReason.UNKNOWN_GAME, "no game " + Payloads.quote(gameId) + " on this relay");
        }
        JSONObject args = argsOf(command, payload);
        List<Seat> targets = targets(session, playerId);
        String id = "cmd-" + nextId.getAndIncrement();
        List<CompletableFuture<CommandResult>> acks = new ArrayList<>();
        for (Seat seat : targets) {
            acks.add(sendTo(seat, id, command, args));
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).thenApply(done -> {
            CommandResult result = CommandResult.OK;
            for (CompletableFuture<CommandResult> ack : acks) {
                CommandResult r = ack.join();
                if (!r.ok()) {
                    // Counted here, before the observer is answered, so that stats never lag the answer.
                    counters.increment(reasonOf(r));
                    if (result.ok()) {
                        result = r;
                    }
                }
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("id", id);
            detail.put("command", command);
            detail.put("args", args.toMap());
            detail.put("ok", result.ok());
            if (!result.ok()) {
                detail.put("error", result.error());
                detail.put("message", result.message());
            }
            hub.publish(new SessionEvent(gameId, playerId, System.currentTimeMillis(), SessionEvent.KIND_COMMAND,
                    detail));
            return result;
        });
    }

    private static JSONObject argsOf(String command, JsonValue.Obj payload) {
        if (!ObserverProtocol.SET_LINK.equals(command)) {
            return new JSONObject();
        }
        LinkProfile link;
        try {
            link = new LinkProfile(
                    Payloads.optDouble(payload, "latency_ms", 0), Payloads.optDouble(payload, "jitter_ms", 0),
                    Payloads.optDouble(payload, "loss", 0), Payloads.optDouble(payload, "duplicate", 0),
                    Payloads.optDouble(payload, "reorder", 0), Payloads.optDouble(payload, "bandwidth_kbps", 0));
        } catch (IllegalArgumentException e) {
            throw new RelayRequestException(RejectReason.INVALID_LINK, e.getMessage());
        }
        return ObserverProtocol.toJson(link);
    }

    private static List<Seat> targets(GameSession session, String playerId) {
        List<Seat> targets = new ArrayList<>();
        if (playerId != null) {
            Seat seat = session.seatOf(playerId);
            if (seat == null) {
                throw new RelayRequestException(RejectReason.UNKNOWN_PLAYER,
                        "game " + session.gameId() + " has no player " + Payloads.quote(playerId));
            }
            if (!seat.isConnected()) {
                throw new RelayRequestException(RejectReason.NO_PEER,
                        "player " + playerId + " of game " + session.gameId() + " is not connected");
            }
            targets.add(seat);
        } else {
            for (int i = 0; i < GameSession.SEATS; i++) {
                Seat seat = session.seat(i);
                if (seat != null && seat.isConnected()) {
                    targets.add(seat);
                }
            }
            if (targets.isEmpty()) {
                throw new RelayRequestException(RejectReason.NO_PEER,
                        "game " + session.gameId() + " has no connected peer");
            }
        }
        return targets;
    }

    private CompletableFuture<CommandResult> sendTo(Seat seat, String id, String command, JSONObject args) {
        CompletableFuture<CommandResult> ack = new CompletableFuture<>();
        SocketIoSocket socket = seat.socket();
        if (socket == null) { // left between validation and now
            ack.complete(CommandResult.refused(RejectReason.NO_PEER.code(),
                    "player " + seat.playerId() + " disconnected"));
            return ack;
        }
        JSONObject message = new JSONObject().put("id", id).put("command", command).put("args", args)
                .put("game_id", seat.session().gameId()).put("player_id", seat.playerId());
        Outbox.sendWithAck(socket, COMMAND_EVENT, new Object[] {message},
                reply -> ack.complete(parsePeerAck(seat.playerId(), reply)));
        timers.schedule(() -> ack.complete(CommandResult.refused(RejectReason.COMMAND_TIMEOUT.code(), "player "
                + seat.playerId() + " did not acknowledge " + command + " within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        return ack;
    }

    private static RejectReason reasonOf(CommandResult failed) {
        for (RejectReason reason : RejectReason.values()) {
            if (reason.code().equals(failed.error())) {
                return reason;
            }
        }
        return RejectReason.PEER_REFUSED;
    }

    private static CommandResult parsePeerAck(String playerId, Object[] reply) {
        if (reply.length > 0 && reply[0] instanceof JSONObject o && o.optBoolean("ok", false)) {
            return CommandResult.OK;
        }
        String why = reply.length > 0 && reply[0] instanceof JSONObject o
                ? o.optString("message", o.optString("error", "no reason given"))
                : "malformed acknowledgement";
        return CommandResult.refused(RejectReason.PEER_REFUSED.code(), "player " + playerId + " refused: " + why);
    }
}
