package org.rollscope.netcode.load;

import org.rollscope.netcode.transport.SocketIoHttp;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.json.JSONObject;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverProtocol;

/**
 * An observer connection for the load driver: the {@code /observer} namespace with the token, WebSocket only, like
 * {@link ObserverClient}, but it hands each {@code peer_telemetry} batch on as the JSON Socket.IO already parsed.
 * {@link ObserverClient} re-serialises every batch and maps it into records with Jackson; at the target load that
 * was a quarter of all CPU samples of the process, time taken from the relay we are measuring (both share the
 * machine). What is measured is the relay's delivery, which this does not change.
 *
 * <p>Threads: the consumer runs on the Socket.IO client's event thread; the methods may be called from any thread.
 */
final class LeanObserver implements AutoCloseable {
    private final Socket socket;
    private final CompletableFuture<Void> firstSnapshot = new CompletableFuture<>();

    LeanObserver(String url, String token, Consumer<JSONObject> onTelemetry) {
        IO.Options options = SocketIoHttp.websocketOptions();
        options.reconnection = false; // a load observer that drops shows up as missing samples
        options.auth = Map.of(ObserverProtocol.AUTH_TOKEN, token);
        this.socket = IO.socket(URI.create(url + ObserverProtocol.NAMESPACE), options);
        socket.on(ObserverProtocol.SESSIONS_SNAPSHOT, args -> firstSnapshot.complete(null));
        socket.on(ObserverProtocol.PEER_TELEMETRY, args -> {
            if (args.length > 0 && args[0] instanceof JSONObject batch) {
                onTelemetry.accept(batch);
            }
        });
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> firstSnapshot.completeExceptionally(new IllegalStateException(
                "observer could not connect to " + url + ": " + (args.length > 0 ? args[0] : "?"))));
    }

    /** Connects; completes with the first snapshot, or fails with the refusal or connection error. */
    CompletableFuture<Void> connect() {
        socket.connect();
        return firstSnapshot;
    }

    /** Sends an observer command for one seat; completes with the relay's acknowledgement, or no_reply after 10 s. */
    CompletableFuture<CommandResult> command(String event, String gameId, String playerId) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (!socket.connected()) {
            result.complete(CommandResult.refused("not_connected", "the load observer is not connected"));
            return result;
        }
        socket.emit(event, new Object[] {new JSONObject().put("game_id", gameId).put("player_id", playerId)},
                reply -> {
                    JSONObject ack = reply.length > 0 && reply[0] instanceof JSONObject o ? o : new JSONObject();
                    result.complete(ack.optBoolean("ok") ? CommandResult.OK
                            : CommandResult.refused(ack.optString("error", "malformed"), ack.optString("message")));
                });
        long timeoutMs = ObserverClient.DEFAULT_COMMAND_TIMEOUT.toMillis();
        return result.completeOnTimeout(CommandResult.refused("no_reply", "no answer to " + event + " within "
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
