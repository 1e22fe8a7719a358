package org.rollscope.netcode.engine;

import org.rollscope.netcode.Frames;
import org.rollscope.netcode.input.InputQueue;
import org.rollscope.netcode.wire.Message;

/**
 * Admits the other player's inputs (INPUT packets, INPUT_RESPONSE, relay inputs) into its {@link InputQueue}, and
 * enforces the stale-episode rule: the wire carries no episode and frames restart at 0, so an input of the previous
 * episode must never be taken for one of this episode.
 *
 * <p>The rule: (a) the gate is open only while an episode runs, which starts once the other peer's EPISODE_READY for
 * it arrived; the other sends an episode's inputs only after receiving our EPISODE_READY, which we send only after our
 * previous episode ended, so anything arriving while closed is stale or premature and dropped (redundancy and
 * INPUT_REQUEST bring the real ones again). (b) While open, an input or packet beyond the furthest frame the other
 * can have sampled in this episode is dropped: the lower of a window bound and a time bound (see
 * {@link #furthestFrame}); a late packet of the previous episode's last frames lies beyond both. (c) A packet must
 * connect to the confirmed run (see {@link #connects}), which a late packet of the previous episode cannot do until
 * this episode has confirmed nearly as many frames as that one lasted. Relay inputs (ordered, one per frame, never
 * repeated by browsers) get (a) and (b) but not (c).
 *
 * <p>Package-private collaborator of {@link RollbackSession}; the session loop only.
 */
final class RemoteInputGate {

    /** Clock-rate slack of the time bound: the other peer's clock may run this much faster than ours. */
    static final double CLOCK_SLACK = 1.25;

    private final SessionConfig config;
    private final int remotePlayer;
    private final InputQueue remote;
    private boolean open;
    private long readySentMs;
    private int remoteFrame = Frames.NULL_FRAME;
    private boolean inputSeen;
    long inputsRecvP2p;
    long inputsRecvRelay;
    long inputsDroppedStale;
    /** Of {@link #inputsDroppedStale}, those beyond {@link #furthestFrame}: a late episode's, or forged far ahead. */
    long inputsDroppedAhead;
    long inputsDroppedInvalid;

    RemoteInputGate(SessionConfig config, int remotePlayer, InputQueue remote) {
        this.config = config;
        this.remotePlayer = remotePlayer;
        this.remote = remote;
    }

    /** An episode starts: admit its inputs. {@code readySentMs}: when we first sent its EPISODE_READY. */
    void open(long readySentMs) {
        this.readySentMs = readySentMs;
        remoteFrame = Frames.NULL_FRAME;
        inputSeen = false;
        open = true;
    }

    /** The episode ended: admit nothing until the next one starts. */
    void close() {
        open = false;
    }

    /** Newest frame the other peer had reached when it sent its newest admitted INPUT (NULL_FRAME if none). */
    int remoteFrame() {
        return remoteFrame;
    }

    /** True once an input of this episode was admitted: the other peer runs it, so it has our EPISODE_READY. */
    boolean inputSeen() {
        return inputSeen;
    }

    void onPacket(Message.Input in, int localFrame, long nowMs) {
        if (in.playerIndex() != remotePlayer) {
            inputsDroppedInvalid += in.inputs().size();
            return;
        }
        boolean ahead = open && in.currentFrame() > furthestFrame(localFrame, nowMs);
        if (!open || ahead) {
            inputsDroppedStale += in.inputs().size();
            inputsDroppedAhead += ahead ? in.inputs().size() : 0;
            return;
        }
        if (!connects(in.inputs())) {
            // Ahead of a gap: its inputs wait for the INPUT_REQUEST answer. Once this episode's inputs came in,
            // a packet within both bounds is this episode's and says how far the other peer is; without it the
            // remote frame froze at the gap and time sync held this peer back as if it were far ahead, while it
            // was behind (seen in the demo on a loaded machine: advantage +365, the pair crawling on requests).
            inputsDroppedStale += in.inputs().size();
            if (inputSeen) {
                remoteFrame = Math.max(remoteFrame, in.currentFrame() - config.inputDelay());
            }
            return;
        }
        for (Message.FrameAction fa : in.inputs()) {
            if (fa.frame() > in.currentFrame()) {
                inputsDroppedInvalid++;
            } else {
                admit(fa.frame(), fa.action(), InputPath.P2P, localFrame, nowMs);
            }
        }
        remoteFrame = Math.max(remoteFrame, in.currentFrame() - config.inputDelay());
    }

    void onResponse(Message.InputResponse r, int localFrame, long nowMs) {
        if (r.playerIndex() != remotePlayer) {
            inputsDroppedInvalid += r.inputs().size();
            return;
        }
        if (!connects(r.inputs())) {
            inputsDroppedStale += r.inputs().size();
            return;
        }
        for (Message.FrameAction fa : r.inputs()) {
            admit(fa.frame(), fa.action(), InputPath.P2P, localFrame, nowMs);
        }
    }

    /** The newest frame the other peer is known to have sampled an input for in this episode (for requests). */
    int remoteInputFrame() {
        return remoteFrame == Frames.NULL_FRAME ? Frames.NULL_FRAME : remoteFrame + config.inputDelay();
    }

    /**
     * Contiguity: a packet is taken only if its oldest input is at most one past the frames already confirmed, so
     * that it extends the confirmed run instead of landing ahead of a gap. A genuine packet always connects unless
     * more packets than its redundancy (10) were lost in a row, and then the INPUT_REQUEST answer, which starts at the
     * first missing frame, connects. A late packet of the previous episode lies ahead of a gap (its frames are that
     * episode's last ones) until this episode has confirmed almost as many frames as the previous one had; by then
     * everything it carries is already confirmed, and first value wins.
     */
    private boolean connects(java.util.List<Message.FrameAction> inputs) {
        int oldest = Integer.MAX_VALUE;
        for (Message.FrameAction fa : inputs) {
            oldest = Math.min(oldest, fa.frame());
        }
        return inputs.isEmpty() || oldest <= remote.lastContiguousFrame() + 1;
    }

    void admit(int f, int action, InputPath path, int localFrame, long nowMs) {
        if (action < 0 || action >= config.actionCount() || f < 0) {
            inputsDroppedInvalid++;
            return;
        }
        if (!open || f > furthestFrame(localFrame, nowMs)) {
            inputsDroppedStale++;
            inputsDroppedAhead += open ? 1 : 0;
            return;
        }
        if (f < config.inputDelay()) {
            return; // the agreed default inputs; never sent by a conforming peer
        }
        if (remote.addConfirmed(f, action) == InputQueue.AddResult.ACCEPTED) {
            if (path == InputPath.RELAY) {
                inputsRecvRelay++;
                // A relayed input is the only news of the other peer's progress while it sends by relay alone
                // (no INPUT packets): without it the remote frame went stale, time sync throttled this peer by
                // its maximum and remote hashes waited for evidence that never came.
                remoteFrame = Math.max(remoteFrame, f - config.inputDelay());
            } else {
                inputsRecvP2p++;
            }
            inputSeen = true;
        }
    }

    /**
     * The furthest frame the other peer can have sampled an input for in this episode, the lower of: (1) a prediction
     * window past our inputs, plus delay and the packet's redundancy; (2) the frames that fit in the time since our
     * EPISODE_READY was sent (it started after receiving it), with {@link #CLOCK_SLACK}. The second bound keeps out a
     * late packet of even a short previous episode.
     */
    int furthestFrame(int localFrame, long nowMs) {
        int byWindow = localFrame + 2 * config.inputDelay() + config.predictionWindow() + config.inputRedundancy();
        long sinceReadyMs = Math.max(0, nowMs - readySentMs);
        long byTime = (long) (sinceReadyMs * CLOCK_SLACK / config.frameMs()) + 2 + config.inputDelay();
        return (int) Math.min(byWindow, byTime);
    }
}
