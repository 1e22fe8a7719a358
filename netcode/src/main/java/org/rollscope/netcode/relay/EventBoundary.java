package org.rollscope.netcode.relay;

import io.socket.socketio.server.SocketIoSocket;
import io.socket.socketio.server.SocketIoSocket.ReceivedByLocalAcknowledgementCallback;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.json.JSONObject;
import org.rollscope.netcode.json.JsonLimitException;
import org.rollscope.netcode.json.JsonLimits;
import org.rollscope.netcode.json.JsonReader;
import org.rollscope.netcode.json.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single boundary around every Socket.IO handler of the relay: rate limit, then each argument converted once into
 * the relay's {@link JsonValue} model under the event's {@link JsonLimits} (depth, UTF-8 bytes, counts), then the
 * handler, with one catch. Handlers never see a raw org.json value, so nothing a client sends can reach an
 * encoder in a form it cannot write. A refused request costs its sender an error ({@code rollscope_error} and, when
 * it asked for one, a refused acknowledgement) and bumps a counter; a bug is logged once with its stack and reported
 * as {@code internal_error}. Nothing escapes to Socket.IO, so one bad client never disturbs the others.
 *
 * <p>Thread-safe; runs on the calling connection's Jetty thread.
 */
final class EventBoundary {

    /** Event the relay sends to a client whose request it refused: {@code {error, message, event}}. */
    static final String ERROR_EVENT = PeerEvents.ERROR;

    private static final Logger LOG = LoggerFactory.getLogger(EventBoundary.class);

    /** A relay handler; may throw {@link RelayRequestException}. */
    @FunctionalInterface
    interface Handler {
        void handle(SocketIoSocket socket, JsonValue[] args, Ack ack);
    }

    /** The sender's acknowledgement callback, if it asked for one. Send at most once. */
    record Ack(SocketIoSocket socket, ReceivedByLocalAcknowledgementCallback callback) {
        boolean requested() {
            return callback != null;
        }

        void send(Object... args) {
            Outbox.acknowledge(socket, callback, args);
        }
    }

    private final RejectCounters counters;
    private final double eventsPerSecond;
    private final double eventBurst;
    private final double eventsPerSecondPerAddress;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    /** One bucket per client IP address, shared by all its connections. Cleared whole if it ever grows huge. */
    private final Map<String, RateLimiter> addressLimiters = new ConcurrentHashMap<>();

    EventBoundary(RejectCounters counters, double eventsPerSecond, double eventBurst) {
        this(counters, eventsPerSecond, eventBurst, Double.MAX_VALUE / 4);
    }

    EventBoundary(RejectCounters counters, double eventsPerSecond, double eventBurst,
                  double eventsPerSecondPerAddress) {
        this.counters = counters;
        this.eventsPerSecond = eventsPerSecond;
        this.eventBurst = eventBurst;
        this.eventsPerSecondPerAddress = eventsPerSecondPerAddress;
    }

    /** Registers {@code handler} for {@code event} on {@code socket}, behind the boundary. */
    void on(SocketIoSocket socket, String event, long maxBytes, Handler handler) {
        socket.on(event, rawArgs -> run(socket, event, maxBytes, rawArgs, handler));
    }

    /** Runs a handler behind the boundary (also used for the catch-all of unknown events). */
    void run(SocketIoSocket socket, String event, long maxBytes, Object[] rawArgs, Handler handler) {
        Object[] args = rawArgs;
        ReceivedByLocalAcknowledgementCallback callback = null;
        if (args.length > 0 && args[args.length - 1] instanceof ReceivedByLocalAcknowledgementCallback cb) {
            callback = cb;
            args = Arrays.copyOf(args, args.length - 1);
        }
        dispatch(socket, event, new Ack(socket, callback), handler, args, maxBytes, null);
    }

    /**
     * Runs a handler behind the boundary with arguments already read into the model, under the limits
     * {@link #run} applies ({@link TelemetryShortcut}, which read them straight from the frame's text).
     */
    void runRead(SocketIoSocket socket, String event, JsonValue[] args, Ack ack, Handler handler) {
        dispatch(socket, event, ack, handler, null, 0, args);
    }

    /** Rate limits, then the handler with {@code read}, or else with {@code rawArgs} converted; one catch. */
    private void dispatch(SocketIoSocket socket, String event, Ack ack, Handler handler, Object[] rawArgs,
                          long maxBytes, JsonValue[] read) {
        try {
            long now = System.nanoTime();
            RateLimiter limiter = limiters.computeIfAbsent(socket.getId(),
                    id -> new RateLimiter(eventsPerSecond, eventBurst, now));
            boolean connectionOk = limiter.tryAcquire(now);
            boolean addressOk = connectionOk && addressLimiter(socket, now).tryAcquire(now);
            if (!addressOk) {
                counters.increment(RejectReason.RATE_LIMITED);
                if (limiter.shouldWarn(now)) {
                    String limit = connectionOk
                            ? (long) eventsPerSecondPerAddress + " events per second from one address"
                            : (long) eventsPerSecond + " events per second";
                    reply(socket, event, ack, RejectReason.RATE_LIMITED,
                            "more than " + limit + "; events are being dropped");
                } else if (ack.requested()) {
                    ack.send(refusal(RejectReason.RATE_LIMITED, "rate limited"));
                }
                return;
            }
            handler.handle(socket, read != null ? read : convert(event, rawArgs, maxBytes), ack);
        } catch (RelayRequestException e) {
            refuse(socket, event, ack, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("bug in the relay's {} handler (connection {}); the request was refused", event,
                    socket.getId(), e);
            refuse(socket, event, ack, RejectReason.INTERNAL, "the relay failed to handle " + event);
        }
    }

    /** Converts every argument into the model; the byte limit holds for all of them together. */
    private static JsonValue[] convert(String event, Object[] args, long maxBytes) {
        JsonValue[] out = new JsonValue[args.length];
        long remaining = maxBytes;
        for (int i = 0; i < args.length; i++) {
            try {
                out[i] = JsonReader.fromSocketIo(args[i], JsonLimits.ofBytes(Math.max(1, remaining)));
            } catch (JsonLimitException e) {
                RejectReason reason = e.kind() == JsonLimitException.Kind.TOO_LARGE
                        ? RejectReason.OVERSIZED : RejectReason.MALFORMED;
                throw new RelayRequestException(reason, event + ": " + e.getMessage());
            }
            if (i + 1 < args.length) { // every event the relay knows has one argument: no re-encoding on the hot path
                remaining -= out[i].toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            }
        }
        return out;
    }

    /** Counts a refusal and tells the sender. Safe to call from any thread (e.g. after an asynchronous failure). */
    void refuse(SocketIoSocket socket, String event, Ack ack, RejectReason reason, String message) {
        counters.increment(reason);
        LOG.debug("refused {} from {}: {} ({})", event, socket.getId(), reason.code(), message);
        try {
            reply(socket, event, ack, reason, message);
        } catch (RuntimeException e) {
            LOG.debug("could not tell {} about the refusal", socket.getId(), e);
        }
    }

    private RateLimiter addressLimiter(SocketIoSocket socket, long now) {
        java.util.List<String> header = socket.getInitialHeaders()
                .get(org.rollscope.netcode.relay.embed.EmbeddedSocketIoServer.REMOTE_ADDRESS_HEADER);
        String address = header == null || header.isEmpty() ? "unknown" : header.get(0);
        if (addressLimiters.size() > 100_000) {
            addressLimiters.clear(); // a scan of spoofed addresses cannot grow this without end
        }
        // A burst of two seconds' worth: a lab's peers joining at once must not be cut.
        return addressLimiters.computeIfAbsent(address,
                a -> new RateLimiter(eventsPerSecondPerAddress, eventsPerSecondPerAddress * 2, now));
    }

    /** Forgets a closed connection's rate limiter. */
    void forget(String socketId) {
        limiters.remove(socketId);
    }

    /** The body of a refused acknowledgement; fits both {@code {ok}} and {@code {status}} style acks. */
    static JSONObject refusal(RejectReason reason, String message) {
        return new JSONObject().put("ok", false).put("status", "error").put("error", reason.code())
                .put("message", message);
    }

    private static void reply(SocketIoSocket socket, String event, Ack ack, RejectReason reason, String message) {
        Outbox.send(socket, ERROR_EVENT,
                new JSONObject().put("error", reason.code()).put("message", message)
                        .put("event", Payloads.cut(event)));
        if (ack != null && ack.requested()) {
            ack.send(refusal(reason, message));
        }
    }
}
