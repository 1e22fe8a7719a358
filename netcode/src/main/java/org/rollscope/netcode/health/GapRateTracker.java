package org.rollscope.netcode.health;

/**
 * Estimates loss on the peer-to-peer channel before redundancy repairs it (telemetry.md {@code gap_rate}).
 *
 * <p>Every INPUT packet names the frame of its newest input ({@code currentFrame}); a browser sends one packet per
 * frame. When a packet for frame {@code g} arrives and the newest seen so far was {@code h < g}, frames
 * {@code h+1 .. g-1} are gaps: their own packet did not arrive before a later one. A packet that arrives late or twice
 * changes nothing (its frame was already counted). The rate is gaps over frames seen during the last
 * {@link #WINDOW_MS} ms, kept in {@link #BUCKETS} time buckets so that memory is constant.
 *
 * <p>After {@link #RESUME_AFTER_MS} without any INPUT packet the count starts afresh: the other peer was sending by
 * the relay (a forced fallback) or not at all, and the frames it skipped on this channel were never lost on it.
 * Counting them made the gap rate jump to ~100 % right after a restore and could trip the gap fallback.
 *
 * <p>Not thread-safe: owned by the peer loop.
 */
public final class GapRateTracker {
    /** telemetry.md: "over the last 5 s". */
    public static final long WINDOW_MS = 5_000;
    static final int BUCKETS = 10;
    /** Two PING intervals of silence: longer than any jitter, far shorter than a deliberate relay-only spell. */
    public static final long RESUME_AFTER_MS = 1_000;
    private static final long BUCKET_MS = WINDOW_MS / BUCKETS;

    private final long[] bucketStart = new long[BUCKETS];
    private final int[] framesSeen = new int[BUCKETS];
    private final int[] gaps = new int[BUCKETS];
    private int newestFrame = Integer.MIN_VALUE;
    private long lastPacketMs;

    public GapRateTracker() {
        java.util.Arrays.fill(bucketStart, Long.MIN_VALUE);
    }

    /** Records the arrival of an INPUT packet whose newest input targets {@code currentFrame}. */
    public void onInputPacket(int currentFrame, long nowMs) {
        boolean resumed = newestFrame != Integer.MIN_VALUE && nowMs - lastPacketMs > RESUME_AFTER_MS;
        lastPacketMs = nowMs;
        if (newestFrame == Integer.MIN_VALUE || resumed && currentFrame > newestFrame) {
            newestFrame = currentFrame;
            bucket(nowMs, 1, 0);
            return;
        }
        if (currentFrame <= newestFrame) {
            return;
        }
        int advanced = currentFrame - newestFrame;
        newestFrame = currentFrame;
        bucket(nowMs, advanced, advanced - 1);
    }

    /**
     * Share of the other peer's frames in the last 5 s whose own packet was missing or late, in [0, 1]; {@code null}
     * when no INPUT packet arrived in that window (unknown, not zero).
     */
    public Double gapRate(long nowMs) {
        long seen = 0;
        long missing = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketStart[i] != Long.MIN_VALUE && nowMs - bucketStart[i] < WINDOW_MS) {
                seen += framesSeen[i];
                missing += gaps[i];
            }
        }
        return seen == 0 ? null : (double) missing / seen;
    }

    /**
     * Starts over for a new episode: wire frame numbers restart, so the newest frame seen must not carry over, but the
     * window's figures stay (they describe the channel, not the episode).
     */
    public void onEpisodeStart() {
        newestFrame = Integer.MIN_VALUE;
    }

    private void bucket(long nowMs, int frames, int missing) {
        long start = Math.floorDiv(nowMs, BUCKET_MS) * BUCKET_MS;
        int i = (int) Math.floorMod(start / BUCKET_MS, BUCKETS);
        if (bucketStart[i] != start) {
            bucketStart[i] = start;
            framesSeen[i] = 0;
            gaps[i] = 0;
        }
        framesSeen[i] += frames;
        gaps[i] += missing;
    }
}
