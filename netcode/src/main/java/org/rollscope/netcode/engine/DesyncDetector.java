package org.rollscope.netcode.engine;

import java.util.function.Consumer;
import org.rollscope.netcode.Frames;
import org.rollscope.netcode.sync.StateHashes;
import org.rollscope.netcode.wire.Message;

/**
 * Desync checking for one session: feeds this peer's hashes of confirmed frames and the other's STATE_HASH messages
 * to {@link StateHashes}, reports every mismatch as a {@link SessionEvent.Desync} (frame, both hashes, this peer's
 * state after the frame) and counts them. Package-private collaborator of {@link RollbackSession}.
 *
 * <p>Which remote hashes count (the stale-episode rule for hashes): while an episode runs, only once one of the
 * other's inputs of it arrived (by then it has reset its hashes, so it no longer repeats the ended episode's) and
 * only for frames it has evidently passed by {@link #EVIDENCE_MARGIN_FRAMES} in this episode (its admitted INPUT
 * packets show how far). A late hash of the ended episode's frame f was sent before the other started this one, so
 * it would have to be delayed by more than f + margin frames (≥ 250 ms beyond the link's normal delay) to be taken.
 * Between episodes, only answers to this peer's still-unanswered hashes count. A hash dropped by these rules costs
 * only time: the other repeats unanswered hashes, and after an episode ends the last frames are verified as answers.
 *
 * <p>Threads: the session loop only.
 */
final class DesyncDetector {

    /** How far (in frames) the other must evidently be past a frame before its hash of it is taken: 250 ms. */
    static final int EVIDENCE_MARGIN_FRAMES = 15;

    private final StateHashes hashes;
    private final long resendIntervalMs;
    private final Consumer<SessionEvent> events;
    private long desyncs;
    private int lastDesyncFrame = Frames.NULL_FRAME;

    DesyncDetector(int snapshotSize, SessionConfig config, Consumer<SessionEvent> events) {
        this.resendIntervalMs = config.hashResendInterval().toMillis();
        this.hashes = new StateHashes(snapshotSize, resendIntervalMs);
        this.events = events;
    }

    /** A new episode: forget the ended one's hashes. */
    void reset() {
        hashes.reset();
    }

    /** This peer's hash of confirmed frame {@code frame} and its state after it. */
    void onLocalHash(int episode, int frame, long hash, int[] stateAfter) {
        report(episode, hashes.recordLocal(frame, hash, stateAfter));
    }

    /**
     * A STATE_HASH from the other peer.
     *
     * @param running an episode is running (else: between episodes, or finished)
     * @param peerInEpisode one of the other's inputs of the running episode has arrived
     * @param maxFrame the highest frame the other can have confirmed in the running episode (as far as we know)
     * @param minAnswerFrame between episodes, the lowest frame taken as an answer: the other, already in the next
     *     episode, can confirm (and hash) that episode's first {@code inputDelay} frames without any input of ours,
     *     but no later frame, since we send no input of it before it starts here
     */
    void onRemoteHash(int episode, Message.StateHash h, boolean running, boolean peerInEpisode, int maxFrame,
            int minAnswerFrame) {
        if (!running) {
            if (h.frame() >= minAnswerFrame) {
                report(episode, hashes.recordRemoteAnswer(h.frame(), h.hash()));
            }
        } else if (peerInEpisode) {
            report(episode, hashes.recordRemote(h.frame(), h.hash(), maxFrame));
        }
        // else: it may still repeat the ended episode's hashes; this episode's come again later.
    }

    /**
     * Queues this tick's STATE_HASH messages: new hashes once, unanswered ones repeated after the configured interval
     * or 1.5 round trips, whichever is longer (an answer may simply be on its way; repeating sooner only costs
     * bandwidth on the links that have least of it).
     */
    void collectOutgoing(long nowMs, double rttMs, Consumer<Message> out) {
        long repeatAfterMs = Math.max(resendIntervalMs, (long) (1.5 * rttMs));
        hashes.collectOutgoing(nowMs, repeatAfterMs, (f, h) -> out.accept(new Message.StateHash(f, h)));
    }

    private void report(int episode, StateHashes.Comparison c) {
        if (c != null && !c.matches()) {
            desyncs++;
            lastDesyncFrame = c.frame();
            events.accept(new SessionEvent.Desync(episode, c.frame(), c.localHash(), c.remoteHash(), c.localState()));
        }
    }

    int verifiedFrame() {
        return hashes.verifiedFrame();
    }

    long desyncs() {
        return desyncs;
    }

    int lastDesyncFrame() {
        return lastDesyncFrame;
    }

    long hashesAbandoned() {
        return hashes.abandonedCount();
    }
}
