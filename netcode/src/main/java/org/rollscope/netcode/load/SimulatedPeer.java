package org.rollscope.netcode.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.json.JSONObject;
import org.rollscope.netcode.health.PeerSample;

/**
 * One telemetry-only peer on a real Socket.IO connection (WebSocket only, {@link LeanSocketIo}): joins its seat, sends a
 * {@code peer_telemetry} sample each time the fleet's scheduler calls {@link #emitSample()}, and obeys
 * {@code rollscope_command} as a real peer must: {@code force_fallback} is acknowledged, then the peer relays an
 * input ({@code pyodide_player_action}) at once and every frame until {@code restore_p2p}; {@code set_link} is
 * acknowledged (a telemetry-only peer has no link to impair).
 *
 * <p>It remembers when it sent each sample ({@link System#nanoTime()}, by seq) so that observers in the same process
 * can time delivery to the microsecond; {@code t_ms} carries the wall-clock send time on the wire as well.
 *
 * <p>It speaks what socket.io-client-java spoke for it before (the load driver's peers used that library until it
 * could not serve 1,000 connections from its one event thread): {@code join_game} with an ack, {@code peer_telemetry}
 * without one, {@code pyodide_player_action} without one, each {@code rollscope_command} acknowledged.
 *
 * <p>Threads: {@link #emitSample()} runs on the fleet's one emitter thread; command and relayed-input handlers on
 * the HTTP client's executor; relayed inputs on the emitter thread. Nothing here blocks.
 */
final class SimulatedPeer implements AutoCloseable {
    static final String JOIN_GAME = "join_game";
    static final String PEER_TELEMETRY = "peer_telemetry";
    static final String PLAYER_ACTION = "pyodide_player_action";
    static final String OTHER_PLAYER_ACTION = "pyodide_other_player_action";
    static final String COMMAND = "rollscope_command";
    /** WebSocket handshake, engine.io open and namespace connect. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final String gameId;
    private final String playerId;
    private final double rateHz;
    private final int actionFps;
    private final ScheduledExecutorService emitter;
    private final LeanSocketIo socket;
    private final HttpClient http;
    private final AtomicLongArray sendNanos;
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicLong skippedSends = new AtomicLong();
    private final AtomicLong inputsSentRelay = new AtomicLong();
    private final AtomicLong inputsRecvRelay = new AtomicLong();
    private final AtomicLong fallbackEpoch = new AtomicLong();
    private final AtomicReference<RelayedInputWait> relayedInputWait = new AtomicReference<>();
    private final long startNanos = System.nanoTime();
    private volatile ScheduledFuture<?> relaying;
    private volatile boolean closed;

    /** Awaits the first relayed input of a given fallback epoch of the other seat. */
    private record RelayedInputWait(long epoch, CompletableFuture<Long> arrivalNanos) {
    }

    SimulatedPeer(String url, String gameId, String playerId, double rateHz, int maxSamples, int actionFps,
                  ScheduledExecutorService emitter, HttpClient http) {
        this.gameId = gameId;
        this.playerId = playerId;
        this.rateHz = rateHz;
        this.actionFps = actionFps;
        this.emitter = emitter;
        this.sendNanos = new AtomicLongArray(maxSamples);
        this.http = http;
        // No reconnection: a load peer that drops is counted, not silently replaced.
        this.socket = new LeanSocketIo(url, "/", null, (name, payload, ackId) -> {
            if (COMMAND.equals(name)) {
                onCommand(payload, ackId);
            } else if (OTHER_PLAYER_ACTION.equals(name)) {
                onRelayedInput(payload);
            }
        });
    }

    String gameId() {
        return gameId;
    }

    String playerId() {
        return playerId;
    }

    /** Connects and joins its seat; completes with the relay's join ack, or fails with its refusal. */
    CompletableFuture<JSONObject> connectAndJoin() {
        // Ids are [A-Za-z0-9_.-] (the relay's rule, and ours: load-<hex>-<n>, 0/1): nothing to escape.
        String join = "{\"game_id\":\"" + gameId + "\",\"player_id\":\"" + playerId + "\",\"subject_id\":\"load-"
                + gameId + "-" + playerId + "\"}";
        return socket.connect(http, CONNECT_TIMEOUT)
                .exceptionally(error -> {
                    throw new IllegalStateException("peer " + gameId + "/" + playerId + " could not connect: "
                            + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage()));
                })
                .thenCompose(connected -> socket.emitWithAck(JOIN_GAME, join))
                .thenApply(reply -> {
                    JSONObject ack = reply instanceof JSONObject o ? o : new JSONObject();
                    if (!ack.optBoolean("ok")) {
                        throw new IllegalStateException("join of " + gameId + "/" + playerId + " refused: " + ack);
                    }
                    return ack;
                });
    }

    /** The connection underneath (for tests: pings answered, closure). */
    LeanSocketIo connection() {
        return socket;
    }

    boolean connected() {
        return socket.connected();
    }

    /** Sends the next sample if the peer is connected and its bound is not reached. Emitter thread. */
    void emitSample() {
        long seq = nextSeq.get();
        if (closed || seq >= sendNanos.length()) {
            return;
        }
        if (!socket.connected()) {
            skippedSends.incrementAndGet(); // Socket.IO would buffer it for a reconnect that never comes
            return;
        }
        String transport = relaying != null ? PeerSample.TRANSPORT_RELAY : PeerSample.TRANSPORT_P2P;
        String sample = SyntheticSample.of(gameId, playerId, seq, System.currentTimeMillis(), rateHz,
                transport, inputsSentRelay.get(), inputsRecvRelay.get());
        nextSeq.set(seq + 1);
        // The send time is taken when the frame is handed to the WebSocket (after any frame of this peer still
        // being written), not when the sample was built.
        socket.emit(PEER_TELEMETRY, sample, () -> sendNanos.set((int) seq, System.nanoTime()));
    }

    /** Samples sent so far. */
    long samplesSent() {
        return nextSeq.get();
    }

    /** Samples not sent because the connection was down. */
    long skippedSends() {
        return skippedSends.get();
    }

    /**
     * When sample {@code seq} was sent ({@link System#nanoTime()}), or -1 for a seq this peer never sent. Exact for
     * a sample an observer received: it was stamped before it left.
     */
    long sendNanos(long seq) {
        return seq >= 0 && seq < nextSeq.get() ? sendNanos.get((int) seq) : -1;
    }

    /** The number of force_fallback commands this peer has obeyed; its relayed inputs carry it as sync_epoch. */
    long fallbackEpoch() {
        return fallbackEpoch.get();
    }

    /**
     * Completes with the {@link System#nanoTime()} at which this peer receives the first relayed input carrying
     * {@code epoch} from the other seat. Replaces any previous wait.
     */
    CompletableFuture<Long> awaitRelayedInput(long epoch) {
        RelayedInputWait wait = new RelayedInputWait(epoch, new CompletableFuture<>());
        relayedInputWait.set(wait);
        return wait.arrivalNanos();
    }

    private void onCommand(Object payload, int ackId) {
        JSONObject command = payload instanceof JSONObject o ? o : new JSONObject();
        String name = command.optString("command");
        String reply = "{\"ok\":true}";
        boolean startRelaying = false;
        switch (name) {
            case "force_fallback" -> startRelaying = true;
            case "restore_p2p" -> stopRelaying();
            case "set_link" -> { } // nothing to impair: a telemetry-only peer has no P2P channel
            default -> reply = new JSONObject().put("ok", false).put("error", "unknown_command")
                    .put("message", "a load peer does not know " + name).toString();
        }
        if (ackId >= 0) {
            socket.ack(ackId, reply); // acknowledge once applied, then act, as a real peer does
        }
        if (startRelaying) {
            startRelaying();
        }
    }

    private synchronized void startRelaying() {
        if (relaying != null || closed) {
            return; // already falling back: a second force_fallback changes nothing
        }
        long epoch = fallbackEpoch.incrementAndGet();
        long frameNanos = 1_000_000_000L / actionFps;
        // The first input goes at once (a peer switching paths resends what the other may lack), then one a frame.
        try {
            relaying = emitter.scheduleAtFixedRate(() -> sendInput(epoch), 0, frameNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            relaying = null; // the run is shutting down
        }
    }

    private synchronized void stopRelaying() {
        if (relaying != null) {
            relaying.cancel(false);
            relaying = null;
        }
    }

    private void sendInput(long epoch) {
        if (closed || !socket.connected()) {
            return;
        }
        long frame = (System.nanoTime() - startNanos) * actionFps / 1_000_000_000L;
        socket.emit(PLAYER_ACTION, "{\"game_id\":\"" + gameId + "\",\"player_id\":\"" + playerId + "\",\"action\":"
                + (frame % 5) + ",\"frame_number\":" + frame + ",\"timestamp\":" + System.currentTimeMillis()
                + ",\"sync_epoch\":" + epoch + "}");
        inputsSentRelay.incrementAndGet();
    }

    private void onRelayedInput(Object payload) {
        long now = System.nanoTime();
        inputsRecvRelay.incrementAndGet();
        JSONObject action = payload instanceof JSONObject o ? o : null;
        RelayedInputWait wait = relayedInputWait.get();
        if (action != null && wait != null && action.optLong("sync_epoch", -1) == wait.epoch()) {
            wait.arrivalNanos().complete(now);
        }
    }

    /** Stops relaying and closes the connection. Idempotent. */
    @Override
    public void close() {
        closed = true;
        stopRelaying();
        socket.close();
    }
}
