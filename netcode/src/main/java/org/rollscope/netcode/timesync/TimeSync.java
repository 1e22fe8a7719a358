package org.rollscope.netcode.timesync;

/**
 * Frame advantage and the wait recommendation (GGPO/GGRS time sync, one-sided).
 *
 * <p>Each frame the engine feeds a sample: {@code advantage = localFrame − (remoteFrame + rttMs/2 / frameMs)}, where
 * {@code remoteFrame} is the frame the peer had reached when it sent its newest INPUT. Half the RTT has passed since,
 * so the correction estimates where the peer is now; both peers then see about opposite advantages. The wire carries no
 * advantage report (MUG's protocol has none), so each peer decides from its own estimate: when the mean over the last
 * {@code windowFrames} samples is at least {@code thresholdFrames}, it waits one frame, and never more often than
 * once every {@code minFramesBetweenWaits} frames. That caps the slow-down at 1/minFramesBetweenWaits (10 % by
 * default): gentle enough that play stays smooth, and well above the 1-2 % clock drift it must absorb.
 *
 * <p>Threads: the session loop only. No allocation after construction.
 */
public final class TimeSync {

    private final double[] samples;
    private final double thresholdFrames;
    private final int minFramesBetweenWaits;
    private int count;
    private int next;
    private double sum;
    private double lastAdvantage;
    private int lastWaitFrame = Integer.MIN_VALUE / 2;
    private long waits;

    /**
     * @param windowFrames samples averaged (≥ 1)
     * @param thresholdFrames mean advantage at or above which a wait is recommended (> 0)
     * @param minFramesBetweenWaits frames between two recommended waits (≥ 1)
     */
    public TimeSync(int windowFrames, double thresholdFrames, int minFramesBetweenWaits) {
        if (windowFrames < 1) {
            throw new IllegalArgumentException("windowFrames must be >= 1, got " + windowFrames);
        }
        if (!(thresholdFrames > 0)) {
            throw new IllegalArgumentException("thresholdFrames must be > 0, got " + thresholdFrames);
        }
        if (minFramesBetweenWaits < 1) {
            throw new IllegalArgumentException("minFramesBetweenWaits must be >= 1, got " + minFramesBetweenWaits);
        }
        this.samples = new double[windowFrames];
        this.thresholdFrames = thresholdFrames;
        this.minFramesBetweenWaits = minFramesBetweenWaits;
    }

    /** GGRS-like defaults: 30-frame window, wait when ≥ 1 frame ahead, at most one wait per 10 frames. */
    public static TimeSync withDefaults() {
        return new TimeSync(30, 1.0, 10);
    }

    /** Forgets the samples (a new episode: frames restart). */
    public void reset() {
        count = 0;
        next = 0;
        sum = 0;
        lastAdvantage = 0;
        lastWaitFrame = Integer.MIN_VALUE / 2;
    }

    /**
     * Adds one advantage sample.
     *
     * @param localFrame this peer's next frame
     * @param remoteFrame the frame the peer had reached when it sent its newest input
     * @param rttMs round-trip time in ms (0 when unknown)
     * @param frameMs duration of a frame in ms (1000 / fps)
     * @return the sample, in frames (positive: this peer is ahead)
     */
    public double sample(int localFrame, int remoteFrame, double rttMs, double frameMs) {
        double advantage = localFrame - (remoteFrame + (rttMs / 2.0) / frameMs);
        if (count == samples.length) {
            sum -= samples[next];
        } else {
            count++;
        }
        samples[next] = advantage;
        sum += advantage;
        next = (next + 1) % samples.length;
        lastAdvantage = advantage;
        return advantage;
    }

    /** The newest sample, in frames. */
    public double frameAdvantage() {
        return lastAdvantage;
    }

    /** Mean of the window, in frames (0 when empty). */
    public double meanAdvantage() {
        return count == 0 ? 0 : sum / count;
    }

    /**
     * Should this peer skip simulating at {@code localFrame}? Counts the wait when it says yes.
     */
    public boolean recommendWait(int localFrame) {
        if (count < samples.length / 2 || localFrame - lastWaitFrame < minFramesBetweenWaits) {
            return false;
        }
        if (meanAdvantage() >= thresholdFrames) {
            lastWaitFrame = localFrame;
            waits++;
            return true;
        }
        return false;
    }

    /** Waits recommended since construction. */
    public long waits() {
        return waits;
    }
}
