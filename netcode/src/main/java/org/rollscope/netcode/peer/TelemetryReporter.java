package org.rollscope.netcode.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Consumer;
import org.json.JSONObject;
import org.rollscope.netcode.Frames;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.protocol.PeerEndpoint;
import org.rollscope.netcode.transport.ChannelState;
import org.rollscope.netcode.transport.IcePath;
import org.rollscope.netcode.transport.ImpairedTransport;
import org.rollscope.netcode.transport.TransportSelector;

/**
 * Builds this peer's telemetry (telemetry.md §1) and reports it: {@code peer_telemetry} every
 * {@link PeerConfig#telemetryInterval()} and MUG's {@code p2p_health_report} every
 * {@link PeerConfig#healthReportInterval()}. Also measures {@code fps} and {@code step_ms} over each interval.
 *
 * <p>Threads: the peer loop only.
 */
final class TelemetryReporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerConfig config;
    private final SeatedSession seat;
    private final SeatServer relay;
    private final RelayHealth relayHealth;
    private long seq;
    private long lastSampleMs = -1;
    private long nextSampleMs;
    private long nextHealthMs;
    private long framesAtLastSample;
    private long stepNanos;
    private long steppedTicks;
    private volatile PeerSample latest;
    private volatile Consumer<PeerSample> listener = sample -> { };

    TelemetryReporter(PeerConfig config, SeatedSession seat, SeatServer relay, RelayHealth relayHealth) {
        this.config = config;
        this.seat = seat;
        this.relay = relay;
        this.relayHealth = relayHealth;
    }

    /** Accounts one tick's simulation time (advance plus any rollback replay). */
    void onStepTime(long nanos) {
        stepNanos += nanos;
        steppedTicks++;
    }

    /** Reports whatever is due at {@code nowMs}. */
    void onTick(long nowMs) {
        if (nowMs >= nextSampleMs) {
            nextSampleMs = nowMs + config.telemetryInterval().toMillis();
            PeerSample sample = sample(nowMs);
            latest = sample;
            listener.accept(sample);
            relay.sendTelemetry(toJson(sample), () -> relayHealth.onAck(nowMs));
        }
        if (nowMs >= nextHealthMs) {
            nextHealthMs = nowMs + config.healthReportInterval().toMillis();
            relay.sendHealthReport(healthReport());
        }
    }

    /**
     * Also hands every sample to {@code sink} in this process, on the peer loop as it is built (a MUG pilot's samples
     * have no relay to go to; the console shows them from here). The sink must not block.
     */
    void listen(Consumer<PeerSample> sink) {
        listener = sink;
    }

    /** The newest sample built (any thread may read it). */
    PeerSample latest() {
        return latest;
    }

    private PeerSample sample(long nowMs) {
        RollbackSession s = seat.session();
        PeerEndpoint p2p = seat.endpoint();
        TransportSelector selector = seat.selector();
        ImpairedTransport transport = seat.transport();
        IcePath ice = seat.link().icePath();
        double elapsedS = lastSampleMs < 0 ? 0 : (nowMs - lastSampleMs) / 1000.0;
        Double fps = elapsedS > 0 ? (seat.framesAdvanced() - framesAtLastSample) / elapsedS : null;
        Double stepMs = steppedTicks > 0 ? stepNanos / 1e6 / steppedTicks : null;
        lastSampleMs = nowMs;
        framesAtLastSample = seat.framesAdvanced();
        stepNanos = 0;
        steppedTicks = 0;
        return new PeerSample(relay.gameId(), relay.playerId(), seq++, System.currentTimeMillis(),
                s.telemetryState(), s.episode(), s.frame(), s.confirmedFrame(), s.verifiedFrame(), s.remoteFrame(),
                s.frameAdvantage(), s.rollbacks(), s.rollbackFrames(), s.lastRollbackDepth(), s.maxRollbackDepth(),
                s.predictedFrames(), s.stalls(), p2p.rttMs(), relayHealth.rttMs(), p2p.gapRate(nowMs),
                transport.bufferedBytes(), selector.mode().wireName(), selector.reason().wireName(),
                seat.router().inputsSentP2p(), seat.router().inputsSentRelay(), s.inputsRecvP2p(),
                s.inputsRecvRelay(), s.desyncs(), s.lastDesyncFrame() == Frames.NULL_FRAME ? null : s.lastDesyncFrame(),
                fps, stepMs, transport.profile().isPerfect() ? null : transport.profile(),
                ice == null ? null : ice.path(), ice == null ? null : ice.rttMs());
    }

    /** MUG's report: what its admin page shows (connection type, latency, coarse status). */
    private JSONObject healthReport() {
        TransportSelector selector = seat.selector();
        Double rtt = seat.endpoint().rttMs();
        String status = seat.endpoint().state() == ChannelState.UP
                ? (selector.reason().isChannelDown() || selector.mode().usesRelay() ? "degraded" : "healthy")
                : "reconnecting";
        return new JSONObject()
                .put("game_id", relay.gameId()).put("player_id", relay.playerId())
                .put("connection_type", connectionType(selector))
                .put("latency_ms", rtt == null ? JSONObject.NULL : rtt)
                .put("status", status)
                .put("episode", seat.session().episode());
    }

    /** MUG's {@code connection_type}: {@code relay} when ICE goes through TURN, as a MUG page reports it. */
    private String connectionType(TransportSelector selector) {
        if (!selector.mode().usesP2p()) {
            return "socketio_fallback";
        }
        IcePath ice = seat.link().icePath();
        return ice == null ? "direct" : ice.mugConnectionType();
    }

    private static JSONObject toJson(PeerSample sample) {
        try {
            return new JSONObject(JSON.writeValueAsString(sample));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a PeerSample always serialises", e);
        }
    }
}
