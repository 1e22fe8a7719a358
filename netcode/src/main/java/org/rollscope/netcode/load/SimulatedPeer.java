package org.rollscope.netcode.load;

import org.rollscope.netcode.transport.SocketIoHttp;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.thread.EventThread;
import java.net.URI;
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
 * One telemetry-only peer on a real Socket.IO connection (WebSocket only): joins its seat, sends a
 * {@code peer_telemetry} sample each time the fleet's scheduler calls {@link #emitSample()}, and obeys
 * {@code rollscope_command} as a real peer must: {@code force_fallback} is acknowledged, then the peer relays an
 * input ({@code pyodide_player_action}) at once and every frame until {@code restore_p2p}; {@code set_link} is
 * acknowledged (a telemetry-only peer has no link to impair).
 *
 * <p>It remembers when it sent each sample ({@link System#nanoTime()}, by seq) so that observers in the same process
 * can time delivery to the microsecond; {@code t_ms} carries the wall-clock send time on the wire as well.
 *
 * <p>Threads: {@link #emitSample()} runs on the fleet's one emitter thread; command and relayed-input handlers on
 * the Socket.IO client's event thread; relayed inputs on the emitter thread. Nothing here blocks.
 */
final class SimulatedPeer implements AutoCloseable {
    static final String JOIN_GAME = "join_game";
    static final String PEER_TELEMETRY = "peer_telemetry";
    static final String PLAYER_ACTION = "pyodide_player_action";
    static final String OTHER_PLAYER_ACTION = "pyodide_other_player_action";
    static final String COMMAND = "rollscope_command";

    private final String gameId;
    private final String playerId;
    private final double rateHz;
    private final int actionFps;
    private final ScheduledExecutorService emitter;
    private final Socket socket;
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
                  ScheduledExecutorService emitter, okhttp3.OkHttpClient http) {
        this.gameId = gameId;
        this.playerId = playerId;
        this.rateHz = rateHz;
        this.actionFps = actionFps;
        this.emitter = emitter;
        this.sendNanos = new AtomicLongArray(maxSamples);
        IO.Options options = SocketIoHttp.websocketOptions();
        options.reconnection = false; // a load peer that drops is counted, not silently replaced
        options.callFactory = http;
        options.webSocketFactory = http;
        this.socket = IO.socket(URI.create(url), options);
        socket.on(COMMAND, this::onCommand);
        socket.on(OTHER_PLAYER_ACTION, this::onRelayedInput);
    }

    String gameId() {
        return gameId;
    }

    String playerId() {
        return playerId;
    }

    /** Connects and joins its seat; completes with the relay's join ack, or fails with its refusal. */
    CompletableFuture<JSONObject> connectAndJoin() {
        CompletableFuture<JSONObject> joined = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> socket.emit(JOIN_GAME,
                new Object[] {new JSONObject().put("game_id", gameId).put("player_id", playerId)
                        .put("subject_id", "load-" + gameId + "-" + playerId)},
                reply -> {
                    JSONObject ack = reply.length > 0 && reply[0] instanceof JSONObject o ? o : new JSONObject();
                    if (ack.optBoolean("ok")) {
                        joined.complete(ack);
                    } else {
                        joined.completeExceptionally(new IllegalStateException("join of " + gameId + "/" + playerId
                                + " refused: " + ack));
                    }
                }));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> joined.completeExceptionally(new IllegalStateException(
                "peer " + gameId + "/" + playerId + " could not connect: " + (args.length > 0 ? args[0] : "?"))));
        socket.connect();
        return joined;
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
        RawJson sample = new RawJson(SyntheticSample.of(gameId, playerId, seq, System.currentTimeMillis(), rateHz,
                transport, inputsSentRelay.get(), inputsRecvRelay.get()));
        nextSeq.set(seq + 1);
        // Every simulated peer shares the Socket.IO client's one event thread, which real peers (one client each)
        // do not: the send time is taken when this peer's client actually sends, not when the sample joined that
        // shared queue. (The wait in it is reported apart as the driver queue.)
        EventThread.exec(() -> {
            sendNanos.set((int) seq, System.nanoTime());
            socket.emit(PEER_TELEMETRY, sample);
        });
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

    private void onCommand(Object[] args) {
        JSONObject command = args.length > 0 && args[0] instanceof JSONObject o ? o : new JSONObject();
        Ack ack = args.length > 0 && args[args.length - 1] instanceof Ack a ? a : null;
        String name = command.optString("command");
        JSONObject reply = new JSONObject().put("ok", true);
        boolean startRelaying = false;
        switch (name) {
            case "force_fallback" -> startRelaying = true;
            case "restore_p2p" -> stopRelaying();
            case "set_link" -> { } // nothing to impair: a telemetry-only peer has no P2P channel
            default -> reply = new JSONObject().put("ok", false).put("error", "unknown_command")
                    .put("message", "a load peer does not know " + name);
        }
        if (ack != null) {
            ack.call(reply); // acknowledge once applied, then act, as a real peer does
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
        socket.emit(PLAYER_ACTION, new JSONObject().put("game_id", gameId).put("player_id", playerId)
                .put("action", (int) (frame % 5)).put("frame_number", frame).put("timestamp",
                        System.currentTimeMillis()).put("sync_epoch", epoch));
        inputsSentRelay.incrementAndGet();
    }

    private void onRelayedInput(Object[] args) {
        long now = System.nanoTime();
        inputsRecvRelay.incrementAndGet();
        JSONObject action = args.length > 0 && args[0] instanceof JSONObject o ? o : null;
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
