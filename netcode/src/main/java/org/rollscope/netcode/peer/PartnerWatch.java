package org.rollscope.netcode.peer;

import java.time.Duration;

/**
 * Decides that the other peer is gone: the session made no progress (no newly confirmed frame, no episode or state
 * change) for the partner timeout. A live partner always brings progress, over P2P or the relay, unless it waits for
 * us, and we are live; so silence that long means it was killed, lost both paths, or hung. Progress rather than
 * packets: a partner whose loop hung still answers PINGs on its receiving thread.
 *
 * <p>Threads: the peer loop only. Time comes in from the caller.
 */
final class PartnerWatch {
    /** Long enough for a relay restart (the relay-restart test sees ~2-5 s without progress) and a P2P failure with fallback (3 s), with room for a loaded machine. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private long timeoutMs;
    private int episode = Integer.MIN_VALUE;
    private int confirmedFrame = Integer.MIN_VALUE;
    private Object state;
    private long lastProgressMs = Long.MIN_VALUE;

    /** @param timeout zero or negative: never decide the partner is gone */
    PartnerWatch(Duration timeout) {
        this.timeoutMs = timeout.toMillis();
    }

    /**
     * Notes the session's position at {@code nowMs}; returns true once it has not moved for the timeout.
     */
    boolean isGone(int episode, int confirmedFrame, Object state, long nowMs) {
        if (episode != this.episode || confirmedFrame != this.confirmedFrame || !state.equals(this.state)
                || lastProgressMs == Long.MIN_VALUE) {
            this.episode = episode;
            this.confirmedFrame = confirmedFrame;
            this.state = state;
            lastProgressMs = nowMs;
            return false;
        }
        return timeoutMs > 0 && nowMs - lastProgressMs >= timeoutMs;
    }

    /** From now on, {@code timeout} without progress means gone (a partner that said it left: no wait for ever). */
    void shortenTo(Duration timeout) {
        long ms = Math.max(1, timeout.toMillis());
        timeoutMs = timeoutMs > 0 ? Math.min(timeoutMs, ms) : ms;
    }

    /** How long the session has not moved, at {@code nowMs}. */
    long stillForMs(long nowMs) {
        return lastProgressMs == Long.MIN_VALUE ? 0 : nowMs - lastProgressMs;
    }
}
