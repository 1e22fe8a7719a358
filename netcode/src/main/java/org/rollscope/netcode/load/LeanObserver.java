package org.rollscope.netcode.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.json.JSONObject;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverProtocol;

/**
 * An observer connection for the load driver: the {@code /observer} namespace with the token, WebSocket only, like
 * {@link ObserverClient}, but on the driver's own {@link LeanSocketIo} and handing each {@code peer_telemetry} batch
 * on as its JSON text, unparsed ({@link BatchScanner} reads what the driver needs). {@link ObserverClient} maps every
 * batch into records with Jackson, and socket.io-client-java parses it into org.json on its one event thread; at 500
 * sessions (30,000 samples a second to 3 observers) that thread fell seconds behind. What is measured is the
 * relay's delivery, which this does not change.
 *
 * <p>Threads: the consumer runs on the HTTP client's executor (one batch at a time per observer); the methods may be
 * called from any thread.
 */
final class LeanObserver implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final LeanSocketIo socket;
    private final CompletableFuture<Void> firstSnapshot = new CompletableFuture<>();

    /** @param onTelemetry receives each {@code peer_telemetry} batch, {@code {samples, dropped}}, as JSON text */
    LeanObserver(String url, String token, Consumer<String> onTelemetry) {
        // No reconnection: a load observer that drops shows up as missing samples.
        this.socket = new LeanSocketIo(url, ObserverProtocol.NAMESPACE,
                "{\"" + ObserverProtocol.AUTH_TOKEN + "\":" + JSONObject.quote(token) + "}",
                new LeanSocketIo.Handler() {
                    @Override
                    public boolean onRawEvent(String name, String argumentJson, int ackId) {
                        if (ObserverProtocol.PEER_TELEMETRY.equals(name)) {
                            onTelemetry.accept(argumentJson);
                            return true;
                        }
                        if (ObserverProtocol.SESSIONS_SNAPSHOT.equals(name)) {
                            firstSnapshot.complete(null);
                            return true;
                        }
                        return true; // events and session updates: not needed by the load driver
                    }

                    @Override
                    public void onEvent(String name, Object payload, int ackId) {
                    }

                    @Override
                    public void onClosed(String reason) {
                        firstSnapshot.completeExceptionally(new IllegalStateException(
                                "observer connection to " + url + " closed: " + reason));
                    }
                });
    }

    /** Connects; completes with the first snapshot, or fails with the refusal or connection error. */
    CompletableFuture<Void> connect(HttpClient http) {
        socket.connect(http, CONNECT_TIMEOUT).whenComplete((ok, error) -> {
            if (error != null) {
                firstSnapshot.completeExceptionally(new IllegalStateException("observer could not connect: "
                        + (error.getCause() != null ? error.getCause().getMessage() : error.getMessage())));
            }
        });
        return firstSnapshot;
    }

    /** Sends an observer command for one seat; completes with the relay's acknowledgement, or no_reply after 10 s. */
    CompletableFuture<CommandResult> command(String event, String gameId, String playerId) {
        if (!socket.connected()) {
            return CompletableFuture.completedFuture(
                    CommandResult.refused("not_connected", "the load observer is not connected"));
        }
        long timeoutMs = ObserverClient.DEFAULT_COMMAND_TIMEOUT.toMillis();
        return socket.emitWithAck(event, new JSONObject().put("game_id", gameId).put("player_id", playerId).toString())
                .handle((reply, error) -> {
                    if (error != null) {
                        return CommandResult.refused("not_connected", String.valueOf(error.getMessage()));
                    }
                    JSONObject ack = reply instanceof JSONObject o ? o : new JSONObject();
                    return ack.optBoolean("ok") ? CommandResult.OK
                            : CommandResult.refused(ack.optString("error", "malformed"), ack.optString("message"));
                })
                .completeOnTimeout(CommandResult.refused("no_reply", "no answer to " + event + " within "
                        + timeoutMs + " ms"), timeoutMs, TimeUnit.MILLISECONDS);
    }

    boolean connected() {
        return socket.connected();
    }

    @Override
    public void close() {
        socket.close();
    }
}
