package org.rollscope.netcode.engine;

import java.util.ArrayList;
import java.util.List;
import org.rollscope.netcode.input.InputQueue;
import org.rollscope.netcode.wire.Message;

/**
 * The input side of the wire for one session: builds the redundant INPUT packet, answers INPUT_REQUEST, decides when
 * to ask for missing inputs. Package-private collaborator of {@link RollbackSession}.
 *
 * <p>Threads: the session loop only.
 */
final class InputExchange {

    /** Most inputs one INPUT_RESPONSE carries; a longer gap is asked for again. */
    static final int MAX_RESPONSE_INPUTS = 64;

    private final SessionConfig config;
    private final int localPlayer;
    private long lastInputKey = Long.MIN_VALUE;
    private long lastRequestMs = Long.MIN_VALUE / 2;
    private long lastProgressMs;
    private int lastContiguousSeen = Integer.MIN_VALUE;
    long inputRequestsSent;
    long inputResponsesSent;

    InputExchange(SessionConfig config, int localPlayer) {
        this.config = config;
        this.localPlayer = localPlayer;
    }

    /**
     * The INPUT packet of a running episode: one per new input, as browsers send one per frame, never the same again.
     * A packet per tick sent the frames a peer waited at (time sync, a full prediction window) twice or more, so a
     * lost first copy was no gap and {@code gap_rate} read a fifth to a third below the real loss; a peer missing
     * inputs asks for them (INPUT_REQUEST) instead. Null when there is nothing new.
     */
    Message.Input newInput(InputQueue local, int episode) {
        Message.Input in = buildInput(local);
        if (in == null) {
            return null;
        }
        long key = ((long) episode << 32) | (in.currentFrame() & 0xFFFF_FFFFL);
        if (key == lastInputKey) {
            return null;
        }
        lastInputKey = key;
        return in;
    }

    /** The INPUT packet with this peer's newest inputs (at most the redundancy), or null when none were sampled. */
    Message.Input buildInput(InputQueue local) {
        int newest = local.lastContiguousFrame();
        if (newest < config.inputDelay()) {
            return null; // only the agreed default inputs so far, which are never sent
        }
        int oldest = Math.max(config.inputDelay(), newest - config.inputRedundancy() + 1);
        List<Message.FrameAction> inputs = new ArrayList<>(newest - oldest + 1);
        for (int f = oldest; f <= newest; f++) {
            inputs.add(new Message.FrameAction(f, local.confirmedAction(f)));
        }
        return new Message.Input(localPlayer, newest, inputs);
    }

    /** The answer to an INPUT_REQUEST from what this peer still holds, or null when it holds none of them. */
    Message.InputResponse answer(Message.InputRequest request, InputQueue local) {
        int start = Math.max(request.startFrame(), config.inputDelay());
        int end = Math.min(request.endFrame(), start + MAX_RESPONSE_INPUTS - 1);
        List<Message.FrameAction> inputs = new ArrayList<>();
        for (int f = start; f <= end && f >= 0; f++) {
            if (local.isConfirmed(f)) {
                inputs.add(new Message.FrameAction(f, local.confirmedAction(f)));
            }
        }
        if (inputs.isEmpty()) {
            return null;
        }
        inputResponsesSent++;
        return new Message.InputResponse(localPlayer, inputs);
    }

    /** Resets the progress timer (a new episode). */
    void reset(long nowMs) {
        lastProgressMs = nowMs;
        lastContiguousSeen = Integer.MIN_VALUE;
    }

    /**
     * An INPUT_REQUEST when the other's inputs needed up to {@code neededFrame} have not progressed for
     * {@link SessionConfig#inputRequestInterval()} (lost beyond the redundancy, or the other stopped sending), at most
     * once per interval; else null. {@code remoteInputFrame}: the newest frame the other is known to have sampled
     * (NULL_FRAME if unknown); the request reaches it.
     */
    Message.InputRequest maybeRequest(long nowMs, InputQueue remote, int neededFrame, int remoteInputFrame) {
        int contiguous = remote.lastContiguousFrame();
        if (contiguous != lastContiguousSeen) {
            lastContiguousSeen = contiguous;
            lastProgressMs = nowMs;
        }
        long interval = config.inputRequestInterval().toMillis();
        if (contiguous >= neededFrame || nowMs - lastProgressMs < interval || nowMs - lastRequestMs < interval) {
            return null;
        }
        lastRequestMs = nowMs;
        inputRequestsSent++;
        int start = contiguous + 1;
        // Up to what the other has sampled, not only what we need now: the answer should leave no gap that its
        // next INPUT packets (which carry only the last few inputs) could not connect to.
        int end = Math.max(Math.max(neededFrame, remote.newestFrame()), remoteInputFrame);
        return new Message.InputRequest(start, Math.min(end, start + MAX_RESPONSE_INPUTS - 1));
    }
}
