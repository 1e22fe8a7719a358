package org.rollscope.netcode.peer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;
import org.json.JSONObject;
import org.rollscope.netcode.engine.FrameRecord;

/**
 * The server a seat plays through, as {@link SeatedSession} sees it: a Rollscope relay ({@link PeerRelayClient}) or
 * a MUG server ({@link MugGameClient}). Both carry the relay path of inputs, signalling, health reports and episode
 * data; what one of them cannot carry (MUG has no Rollscope telemetry or events) it drops.
 *
 * <p>Threads: every method may be called from any thread and never blocks.
 */
interface SeatServer extends RelayPath, SignalSender {

    /** The seat's game id, once assigned. */
    String gameId();

    /** The seat's player id, once assigned (as text). */
    String playerId();

    /** {@code p2p_connection_lost}: the peer-to-peer channel closed under this seat at {@code frame}. */
    boolean sendConnectionLost(int frame);

    /** A Rollscope session event ({@code fallback}, {@code episode_end}, ...). */
    boolean sendPeerEvent(String kind, JSONObject detail);

    /** One telemetry sample; {@code onAcked} runs once the server acknowledges it. */
    boolean sendTelemetry(JSONObject sample, Runnable onAcked);

    /** Where the measured round trips to the server go, in ms (any thread). */
    void onRoundTrip(DoubleConsumer sink);

    /** MUG's {@code p2p_health_report}. */
    boolean sendHealthReport(JSONObject report);

    /**
     * One episode's confirmed frames ({@code rows}, and {@code csv}, their Rollscope CSV); completes true once the
     * server acknowledged that it stored them, false on refusal or no answer. {@code partial}: the episode was cut
     * short because the partner was gone (a server without the notion stores it as it stores any episode).
     */
    CompletableFuture<Boolean> sendEpisodeData(int episode, List<FrameRecord> rows, String csv, boolean partial);
}
