package org.rollscope.netcode.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * The P2P-first / relay-fallback policy of telemetry.md §2, as a sans-IO state machine: the peer loop feeds it
 * health readings, operator commands and proofs that a path works, and asks it which path(s) inputs take.
 *
 * <p>No input is lost in a switch because a switch never drops the old path before the new one proved itself:
 * moving to the relay sends {@link TransportMode#BOTH} until a relay acknowledgement arrives
 * ({@link #onRelayConfirmed}), and moving back sends both until a PONG arrives over the channel
 * ({@link #onP2pConfirmed}). A channel that is down is left at once, since nothing sent on it arrives anyway. Unlike
 * the browser implementation, whose fallback latches, inputs return to P2P after the channel has been healthy for
 * {@link FallbackThresholds#healthyFor()}, unless an operator forced the relay.
 *
 * <p>Congestion by RTT or gaps keeps sending both ways ({@code p2p+relay}), which costs a few bytes, keeps the gap
 * rate measurable and lets the fastest path win; a full send buffer stops adding to it ({@code relay}).
 *
 * <p>Not thread-safe: owned by the peer loop. Time comes in as arguments (ms on any monotonic clock).
 */
public final class TransportSelector {

    /** A change of path, to be published as a session event with its reason. */
    public record Switch(TransportMode from, TransportMode to, TransportReason reason, String kind) {
        /** Session event kinds of telemetry.md §3. */
        public static final String P2P_UP = "p2p_up";
        public static final String FALLBACK = "fallback";
        public static final String P2P_RESTORED = "p2p_restored";
    }

    private final FallbackThresholds thresholds;

    /** Where inputs should settle; {@link #mode} may be {@code BOTH} on the way there. */
    private TransportMode target = TransportMode.RELAY;
    private TransportMode mode = TransportMode.RELAY;
    private TransportReason reason = TransportReason.NOT_CONNECTED;
    private boolean forced;
    private boolean latched;
    private boolean everUp;
    private long switchStartedMs;

    private final SustainedCondition highRtt;
    private final SustainedCondition highGaps;
    private final SustainedCondition fullBuffer;
    private final SustainedCondition healthy;

    public TransportSelector(FallbackThresholds thresholds) {
        this.thresholds = thresholds;
        highRtt = new SustainedCondition(thresholds.degradedRttFor().toMillis());
        highGaps = new SustainedCondition(thresholds.degradedGapFor().toMillis());
        fullBuffer = new SustainedCondition(thresholds.degradedBufferFor().toMillis());
        healthy = new SustainedCondition(thresholds.healthyFor().toMillis());
    }

    /** Path(s) inputs take now. */
    public TransportMode mode() {
        return mode;
    }

    /** Why. */
    public TransportReason reason() {
        return reason;
    }

    /** True while an operator's forced fallback is in effect. */
    public boolean isForced() {
        return forced;
    }

    /** Re-evaluates the policy with a fresh reading; returns the switches it made (usually none). */
    public List<Switch> update(HealthReading health, long nowMs) {
        List<Switch> switches = new ArrayList<>(1);
        if (health.channel() != ChannelState.UP) {
            resetConditions();
            if (!forced && (target != TransportMode.RELAY || reason != health.channel().asReason())) {
                settle(TransportMode.RELAY, TransportMode.RELAY, health.channel().asReason(), Switch.FALLBACK, switches);
            }
            return switches;
        }
        boolean rttHigh = highRtt.update(health.rttMs() != null && health.rttMs() > thresholds.degradedRttMs(), nowMs);
        boolean gapsHigh = highGaps.update(health.gapRate() != null && health.gapRate() > thresholds.degradedGapRate(), nowMs);
        boolean bufferFull = fullBuffer.update(health.bufferedBytes() > thresholds.degradedBufferBytes(), nowMs);
        boolean isHealthy = healthy.update(health.rttMs() != null
                && health.rttMs() < thresholds.healthyRttMs()
                && (health.gapRate() == null || health.gapRate() < thresholds.healthyGapRate())
                && health.bufferedBytes() < thresholds.healthyBufferBytes(), nowMs);
        if (forced) {
            return switches;
        }
        if (!everUp) {
            everUp = true;
            moveTo(TransportMode.P2P, TransportReason.OK, Switch.P2P_UP, nowMs, switches);
        } else if (bufferFull) {
            degradeTo(TransportMode.RELAY, TransportReason.BUFFER, nowMs, switches);
        } else if (rttHigh) {
            degradeTo(TransportMode.BOTH, TransportReason.RTT, nowMs, switches);
        } else if (gapsHigh) {
            degradeTo(TransportMode.BOTH, TransportReason.GAPS, nowMs, switches);
        } else if (target != TransportMode.P2P && !latched && (isHealthy || reason.isChannelDown())) {
            // A channel that came back up after being closed or failed gets the same proof (a PONG) as any return.
            moveTo(TransportMode.P2P, TransportReason.OK,
                    reason.isChannelDown() ? Switch.P2P_UP : Switch.P2P_RESTORED, nowMs, switches);
        }
        return switches;
    }

    /**
     * Makes any fallback final, as a MUG page's is (its {@code p2pFallbackTriggered} is never reset): once inputs
     * left P2P they stay on the relay path for the rest of the game, except for an operator's restore.
     */
    public void latchFallback() {
        latched = true;
    }

    /** An operator forced the relay (for a test). Inputs keep going both ways until the relay proved itself. */
    public List<Switch> force(long nowMs) {
        forced = true;
        List<Switch> switches = new ArrayList<>(1);
        moveTo(TransportMode.RELAY, TransportReason.FORCED, Switch.FALLBACK, nowMs, switches);
        return switches;
    }

    /**
     * The operator lifted a forced fallback. If the channel is up, inputs head back to P2P now (via both paths until a
     * PONG arrives); otherwise the next {@link #update} picks the path the channel's state allows.
     */
    public List<Switch> restore(ChannelState channel, long nowMs) {
        List<Switch> switches = new ArrayList<>(1);
        if (!forced) {
            return switches;
        }
        forced = false;
        resetConditions();
        if (channel == ChannelState.UP) {
            everUp = true;
            moveTo(TransportMode.P2P, TransportReason.OK, Switch.P2P_RESTORED, nowMs, switches);
        } else {
            settle(TransportMode.RELAY, TransportMode.RELAY, channel.asReason(), Switch.FALLBACK, switches);
        }
        return switches;
    }

    /**
     * A round trip over the peer-to-peer channel completed (a PONG arrived) for a PING sent at {@code sentAtMs}. Only a
     * PING sent after the switch began proves the channel works now.
     */
    public void onP2pConfirmed(long sentAtMs) {
        if (target == TransportMode.P2P && mode == TransportMode.BOTH && sentAtMs >= switchStartedMs) {
            mode = TransportMode.P2P;
        }
    }

    /** The relay acknowledged something (an echo, an emitted input) that was sent at {@code sentAtMs}. */
    public void onRelayConfirmed(long sentAtMs) {
        if (target == TransportMode.RELAY && mode == TransportMode.BOTH && sentAtMs >= switchStartedMs) {
            mode = TransportMode.RELAY;
        }
    }

    private void degradeTo(TransportMode to, TransportReason why, long nowMs, List<Switch> switches) {
        if (target == to && reason == why) {
            return;
        }
        healthy.reset();
        moveTo(to, why, Switch.FALLBACK, nowMs, switches);
    }

    /** Starts a switch that keeps the old path until the new one proved itself. */
    private void moveTo(TransportMode to, TransportReason why, String kind, long nowMs, List<Switch> switches) {
        TransportMode next = to == mode || to == TransportMode.BOTH ? to : TransportMode.BOTH;
        if (to == TransportMode.RELAY && !mode.usesP2p()) {
            next = TransportMode.RELAY;
        }
        switchStartedMs = nowMs;
        settle(to, next, why, kind, switches);
    }

    private void settle(TransportMode newTarget, TransportMode newMode, TransportReason why, String kind,
                        List<Switch> switches) {
        TransportMode before = mode;
        boolean changed = newTarget != target || why != reason;
        target = newTarget;
        mode = newMode;
        reason = why;
        if (changed) {
            switches.add(new Switch(before, newTarget, why, kind));
        }
    }

    private void resetConditions() {
        highRtt.reset();
        highGaps.reset();
        fullBuffer.reset();
        healthy.reset();
    }

    /** A condition that counts only once it has held without interruption for a minimum time. */
    private static final class SustainedCondition {
        private final long holdMs;
        private long trueSinceMs = Long.MIN_VALUE;

        SustainedCondition(long holdMs) {
            this.holdMs = holdMs;
        }

        boolean update(boolean holds, long nowMs) {
            if (!holds) {
                trueSinceMs = Long.MIN_VALUE;
                return false;
            }
            if (trueSinceMs == Long.MIN_VALUE) {
                trueSinceMs = nowMs;
            }
            return nowMs - trueSinceMs >= holdMs;
        }

        void reset() {
            trueSinceMs = Long.MIN_VALUE;
        }
    }
}
