package org.rollscope.ui.peer;

import java.util.function.Function;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.fx.Formats;
import org.rollscope.ui.health.HealthGrade;
import org.rollscope.ui.health.HealthThresholds;

/**
 * Every per-peer figure of telemetry.md §1 that a card shows, with its §1 field name, a label, how to read it from a
 * sample ({@code null} = unknown), how to write it, and how to grade it. One table, so a new field is one line.
 */
public enum Metric {
    STATE("state", "State", PeerSample::state, v -> Formats.text((String) v)),
    EPISODE("episode", "Episode", PeerSample::episode, v -> Formats.integer((Number) v)),
    SEQ("seq", "Sample #", PeerSample::seq, v -> Formats.integer((Number) v)),
    FRAME("frame", "Frame", PeerSample::frame, v -> Formats.frame((Integer) v)),
    CONFIRMED_FRAME("confirmed_frame", "Confirmed", PeerSample::confirmedFrame, v -> Formats.frame((Integer) v)),
    VERIFIED_FRAME("verified_frame", "Verified", PeerSample::verifiedFrame, v -> Formats.frame((Integer) v)),
    REMOTE_FRAME("remote_frame", "Remote frame", PeerSample::remoteFrame, v -> Formats.frame((Integer) v)),
    FRAME_ADVANTAGE("frame_advantage", "Advantage", PeerSample::frameAdvantage, v -> Formats.signedFrames((Number) v)),
    ROLLBACKS("rollbacks", "Rollbacks", PeerSample::rollbacks, v -> Formats.integer((Number) v)),
    ROLLBACK_FRAMES("rollback_frames", "Re-simulated", PeerSample::rollbackFrames, v -> Formats.integer((Number) v)),
    LAST_ROLLBACK_DEPTH("last_rollback_depth", "Last depth", PeerSample::lastRollbackDepth, v -> Formats.integer((Number) v)),
    MAX_ROLLBACK_DEPTH("max_rollback_depth", "Max depth", PeerSample::maxRollbackDepth, v -> Formats.integer((Number) v)),
    PREDICTED_FRAMES("predicted_frames", "Predicted", PeerSample::predictedFrames, v -> Formats.integer((Number) v)),
    STALLS("stalls", "Stalls", PeerSample::stalls, v -> Formats.integer((Number) v)),
    RTT_MS("rtt_ms", "RTT", PeerSample::rttMs, v -> Formats.millis((Double) v)),
    RELAY_RTT_MS("relay_rtt_ms", "Relay RTT", PeerSample::relayRttMs, v -> Formats.millis((Double) v)),
    GAP_RATE("gap_rate", "Gap rate", PeerSample::gapRate, v -> Formats.percent((Double) v)),
    BUFFERED_AMOUNT("buffered_amount", "Send buffer", PeerSample::bufferedAmount, v -> Formats.bytes((Long) v)),
    TRANSPORT("transport", "Transport", PeerSample::transport, v -> Formats.text((String) v)),
    TRANSPORT_REASON("transport_reason", "Reason", PeerSample::transportReason, v -> Formats.text((String) v)),
    INPUTS_SENT_P2P("inputs_sent_p2p", "Sent P2P", PeerSample::inputsSentP2p, v -> Formats.integer((Number) v)),
    INPUTS_SENT_RELAY("inputs_sent_relay", "Sent relay", PeerSample::inputsSentRelay, v -> Formats.integer((Number) v)),
    INPUTS_RECV_P2P("inputs_recv_p2p", "Received P2P", PeerSample::inputsRecvP2p, v -> Formats.integer((Number) v)),
    INPUTS_RECV_RELAY("inputs_recv_relay", "Received relay", PeerSample::inputsRecvRelay, v -> Formats.integer((Number) v)),
    DESYNCS("desyncs", "Desyncs", PeerSample::desyncs, v -> Formats.integer((Number) v)),
    LAST_DESYNC_FRAME("last_desync_frame", "Last desync", PeerSample::lastDesyncFrame, v -> Formats.frame((Integer) v)),
    FPS("fps", "FPS", PeerSample::fps, v -> Formats.decimal((Double) v, "")),
    STEP_MS("step_ms", "Step", PeerSample::stepMs, v -> Formats.stepTime((Double) v)),
    LINK("link", "Link", PeerSample::link, v -> Formats.link((org.rollscope.netcode.transport.LinkProfile) v));

    private final String field;
    private final String label;
    private final Function<PeerSample, Object> read;
    private final Function<Object, String> format;

    Metric(String field, String label, Function<PeerSample, Object> read, Function<Object, String> format) {
        this.field = field;
        this.label = label;
        this.read = read;
        this.format = format;
    }

    /** The telemetry.md §1 field name (snake_case). */
    public String field() {
        return field;
    }

    public String label() {
        return label;
    }

    /**
     * The raw value, or {@code null} when unknown: no sample, or a sample whose source could not give this field (a
     * MUG page's probe lists those in {@code unknown_fields}; the record then holds a placeholder).
     */
    public Object read(PeerSample s) {
        return s == null || !s.reports(field) ? null : read.apply(s);
    }

    /** The value as shown; {@link Formats#UNKNOWN} for {@code null}. */
    public String format(Object value) {
        return value == null ? Formats.UNKNOWN : format.apply(value);
    }

    /** Grade of this figure in {@code s}; figures without a threshold are {@link HealthGrade#UNKNOWN}. */
    public HealthGrade grade(PeerSample s) {
        if (s == null) {
            return HealthGrade.UNKNOWN;
        }
        return switch (this) {
            case RTT_MS -> HealthThresholds.rttMs(s.rttMs());
            case GAP_RATE -> HealthThresholds.gapRate(s.gapRate());
            case BUFFERED_AMOUNT -> HealthThresholds.bufferedAmount(s.bufferedAmount());
            case DESYNCS, LAST_DESYNC_FRAME -> HealthThresholds.desyncs(s.desyncs());
            default -> HealthGrade.UNKNOWN;
        };
    }
}
