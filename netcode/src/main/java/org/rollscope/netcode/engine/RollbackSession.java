package org.rollscope.netcode.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.rollscope.netcode.Frames;
import org.rollscope.netcode.game.StepResult;
import org.rollscope.netcode.input.InputQueue;
import org.rollscope.netcode.sync.SyncLayer;
import org.rollscope.netcode.timesync.TimeSync;
import org.rollscope.netcode.wire.Message;

/**
 * One symmetric rollback peer (GGPO/GGRS style) of a two-player session, sans-IO: it never touches a socket, a thread
 * or the clock. Per frame the caller does {@link #addLocalInput}, {@link #advanceFrame} (carrying out the returned
 * {@link FrameRequest}s, e.g. with {@link FrameRunner}, which reports back through {@link FrameReports}), then sends
 * what {@link #drainOutgoing} yields and handles {@link #drainEvents} and {@link #drainConfirmed}. Messages from the
 * other peer go to {@link #onMessage}, inputs that came over the relay to {@link #onRemoteInput}.
 *
 * <p>Frames restart at 0 every episode (as on MUG's wire). Frame f's local input is sampled at frame f − inputDelay;
 * the first inputDelay frames of each episode use {@link SessionConfig#defaultAction()} for both players, which both
 * peers know without sending it.
 *
 * <p>Stale-episode rule (the wire carries no episode and frames restart): see {@link RemoteInputGate} for inputs and
 * {@link DesyncDetector} for state hashes. Collaborators: {@link InputExchange} (INPUT out, INPUT_REQUEST/RESPONSE),
 * {@link EpisodeSync} (EPISODE_END/READY bookkeeping), {@code SyncLayer}, {@code TimeSync}.
 *
 * <p>Threads: not thread-safe; one loop thread calls everything. Nothing blocks. Misuse throws
 * {@link IllegalStateException}/{@link IllegalArgumentException}; back-pressure is a {@link RejectReason}.
 */
public final class RollbackSession implements FrameReports {

    /** Where the session is in its episode cycle. */
    public enum State { RESET_DUE, RESETTING, WAITING_FOR_PEER, RUNNING, FINISHED }

    private final SessionConfig config;
    private final int localPlayer;
    private final InputQueue localInputs;
    private final InputQueue remoteInputs;
    private final SyncLayer sync;
    private final DesyncDetector desync;
    private final TimeSync timeSync = TimeSync.withDefaults();
    private final EpisodeSync episodeSync = new EpisodeSync();
    private final InputExchange exchange;
    private final RemoteInputGate gate;
    private final ArrayDeque<Message> outgoing = new ArrayDeque<>();
    private final ArrayDeque<SessionEvent> events = new ArrayDeque<>();
    private final ArrayDeque<FrameRecord> confirmedRecords = new ArrayDeque<>();
    private final ArrayList<FrameRequest> requests = new ArrayList<>();
    private final List<FrameRequest> requestsView = Collections.unmodifiableList(requests);
    private final Consumer<SessionEvent> eventSink = this::emit;

    private State state = State.RESET_DUE;
    private int episode;
    private int frame;
    private int confirmedFrame = Frames.NULL_FRAME;
    private int pendingLocalAction = -1;
    private String localReadyHash;
    private long readySentMs;
    private long waitingForConfirmationSinceMs = -1;
    private long lastNowMs;
    private double rttMs;
    private long rollbacks;
    private long rollbackFrames;
    private int lastRollbackDepth;
    private int maxRollbackDepth;
    private long stalls;
    private long eventsDropped;
    private long unconfirmedFrames;
    private int episodesCompleted;

    /**
     * @param config the settings (shared with the other peer)
     * @param localPlayer this peer's player index, 0 or 1
     * @param snapshotSize the game's {@code snapshotSize()}
     */
    public RollbackSession(SessionConfig config, int localPlayer, int snapshotSize) {
        this.config = Objects.requireNonNull(config, "config");
        if (localPlayer != 0 && localPlayer != 1) {
            throw new IllegalArgumentException("localPlayer must be 0 or 1, got " + localPlayer);
        }
        if (snapshotSize < 1) {
            throw new IllegalArgumentException("snapshotSize must be >= 1, got " + snapshotSize);
        }
        this.localPlayer = localPlayer;
        this.localInputs = new InputQueue(config.predictor());
        this.remoteInputs = new InputQueue(config.predictor());
        this.sync = new SyncLayer(config.predictionWindow(), snapshotSize);
        this.desync = new DesyncDetector(snapshotSize, config, this::emit);
        this.exchange = new InputExchange(config, localPlayer);
        this.gate = new RemoteInputGate(config, 1 - localPlayer, remoteInputs);
    }

    // ---------------------------------------------------------------- the frame loop

    /**
     * This peer's input sampled now, for frame {@link #localInputFrame()}. Call once per tick before
     * {@link #advanceFrame}; a later call in the same tick replaces it. Ignored when no frame is stepped.
     *
     * @throws IllegalArgumentException if the action is outside {@code [0, actionCount)}
     */
    public void addLocalInput(int action) {
        if (action < 0 || action >= config.actionCount()) {
            throw new IllegalArgumentException("action must be in [0, " + config.actionCount() + "), got " + action);
        }
        pendingLocalAction = action;
    }

    /**
     * Does this tick's work: promotes newly confirmed frames (ending the episode on a confirmed terminal), rolls back
     * if a late input contradicted a prediction, then steps one new frame unless a {@link RejectReason} says why not.
     * Queues this tick's messages (INPUT, STATE_HASH, episode messages, INPUT_REQUEST).
     *
     * @param nowMs the caller's clock in ms (monotonic)
     * @return the requests to carry out now, in order, and the reason no new frame was stepped (if so)
     * @throws IllegalStateException if a frame must be stepped and no local input was added
     */
    public AdvanceResult advanceFrame(long nowMs) {
        lastNowMs = nowMs;
        requests.clear();
        RejectReason reason = switch (state) {
            case RESET_DUE, RESETTING, WAITING_FOR_PEER -> startEpisodeIfDue();
            case FINISHED -> RejectReason.SESSION_FINISHED;
            case RUNNING -> runFrame(nowMs);
        };
        queueMessages(nowMs);
        pendingLocalAction = -1;
        return new AdvanceResult(requestsView, reason);
    }

    private RejectReason runFrame(long nowMs) {
        promoteConfirmed(nowMs, false);
        if (state != State.RUNNING) {
            return startEpisodeIfDue();
        }
        boolean rolledBack = rollBackIfNeeded();
        if (frame > 0 && sync.endsEpisode(frame - 1)) {
            // After a rollback requested now, the frame data is stale until the driver has replayed: decide (and
            // time out) on the next tick, never with the replay still pending in this batch.
            return rolledBack ? RejectReason.WAITING_FOR_CONFIRMATION : waitForEpisodeEnd(nowMs);
        }
        waitingForConfirmationSinceMs = -1;
        if (frame - remoteInputs.lastContiguousFrame() > config.predictionWindow()) {
            stalls++;
            return RejectReason.PREDICTION_WINDOW_FULL;
        }
        if (config.timeSync() && gate.remoteFrame() >= 0) {
            timeSync.sample(frame, gate.remoteFrame(), rttMs, config.frameMs());
            if (timeSync.recommendWait(frame)) {
                return RejectReason.TIME_SYNC_WAIT;
            }
        }
        if (pendingLocalAction < 0) {
            throw new IllegalStateException("no local input for frame " + frame + " (call addLocalInput first)");
        }
        localInputs.addConfirmed(frame + config.inputDelay(), pendingLocalAction); // first value wins
        requestAdvance(frame);
        frame++;
        return null;
    }

    private RejectReason waitForEpisodeEnd(long nowMs) {
        if (waitingForConfirmationSinceMs < 0) {
            waitingForConfirmationSinceMs = nowMs;
        } else if (nowMs - waitingForConfirmationSinceMs >= config.episodeEndConfirmTimeout().toMillis()) {
            promoteConfirmed(nowMs, true);
            return startEpisodeIfDue();
        }
        return RejectReason.WAITING_FOR_CONFIRMATION;
    }

    /** Requests the rollback to the first incorrect frame, if any; true when it did. */
    private boolean rollBackIfNeeded() {
        int first = remoteInputs.firstIncorrectFrame();
        if (first == Frames.NULL_FRAME || first >= frame) {
            return false;
        }
        remoteInputs.clearFirstIncorrectFrame();
        int depth = frame - first;
        requests.add(new FrameRequest.Load(first, sync.slotToLoad(first)));
        for (int f = first; f < frame; f++) {
            requestAdvance(f);
        }
        rollbacks++;
        rollbackFrames += depth;
        lastRollbackDepth = depth;
        maxRollbackDepth = Math.max(maxRollbackDepth, depth);
        emit(new SessionEvent.Rollback(episode, first, depth));
        return true;
    }

    private void requestAdvance(int f) {
        int local = localInputs.actionFor(f);
        int remote = remoteInputs.actionFor(f);
        localInputs.markUsed(f, local);
        remoteInputs.markUsed(f, remote);
        requests.add(localPlayer == 0 ? new FrameRequest.Advance(f, local, remote)
                : new FrameRequest.Advance(f, remote, local));
        requests.add(new FrameRequest.Save(f + 1, sync.slotToSave(f + 1)));
    }

    @Override
    public boolean onAdvanced(FrameRequest.Advance advance, StepResult result, long stateHash, long nowMs) {
        int f = advance.frame();
        boolean predicted = !remoteInputs.isConfirmed(f);
        sync.recordStep(f, advance.action0(), advance.action1(), result, stateHash, predicted, nowMs);
        if (result.episodeOver() && f < frame - 1) {
            // A replay ended the episode earlier than the frames already stepped: cut back, never step past it.
            frame = f + 1;
            localInputs.discardUsedFrom(frame);
            remoteInputs.discardUsedFrom(frame);
            return false;
        }
        return true;
    }

    /** Moves confirmed frames (or, on timeout, every simulated frame) from the speculative to the canonical buffer. */
    private void promoteConfirmed(long nowMs, boolean unconfirmedToo) {
        int limit = Math.min(frame - 1, Math.min(localInputs.lastContiguousFrame(), remoteInputs.lastContiguousFrame()));
        int firstIncorrect = remoteInputs.firstIncorrectFrame();
        if (firstIncorrect != Frames.NULL_FRAME) {
            limit = Math.min(limit, firstIncorrect - 1);
        }
        int firstUnconfirmed = -1;
        if (unconfirmedToo) {
            firstUnconfirmed = limit + 1;
            limit = frame - 1;
        }
        while (confirmedFrame < limit) {
            int f = confirmedFrame + 1;
            SyncLayer.FrameData d = sync.read(f);
            boolean unconfirmed = unconfirmedToo && f >= firstUnconfirmed;
            if (!unconfirmed) {
                checkConfirmedInputs(d);
            }
            confirmedRecords.add(new FrameRecord(episode, f, d.action0(), d.action1(), d.reward0(), d.reward1(),
                    d.terminal(), d.truncated(), d.stateHash(), d.predicted(), unconfirmed, d.firstSimulatedMs(),
                    nowMs));
            confirmedFrame = f;
            boolean last = d.terminal() || d.truncated();
            if (!unconfirmed && (f % config.hashInterval() == 0 || last)) {
                desync.onLocalHash(episode, f, d.stateHash(), sync.slotToLoad(f + 1).data());
            }
            if (last) {
                if (unconfirmedToo && firstUnconfirmed <= f) {
                    unconfirmedFrames += f - firstUnconfirmed + 1;
                    emit(new SessionEvent.UnconfirmedPromotion(episode, firstUnconfirmed, f));
                }
                endEpisode(f + 1, unconfirmedToo ? Math.max(0, f - firstUnconfirmed + 1) : 0);
                return;
            }
        }
    }

    private void checkConfirmedInputs(SyncLayer.FrameData d) {
        int local = localPlayer == 0 ? d.action0() : d.action1();
        int remote = localPlayer == 0 ? d.action1() : d.action0();
        if (local != localInputs.confirmedAction(d.frame()) || remote != remoteInputs.confirmedAction(d.frame())) {
            throw new IllegalStateException("frame " + d.frame() + " of episode " + episode
                    + " was simulated with other inputs than the confirmed ones");
        }
    }

    private void endEpisode(int frames, int unconfirmed) {
        gate.close();
        emit(new SessionEvent.EpisodeEnded(episode, frames, unconfirmed));
        episodeSync.onLocalEnd(episode, frames, eventSink);
        outgoing.add(new Message.EpisodeEnd(frames, episode));
        episodesCompleted++;
        waitingForConfirmationSinceMs = -1;
        state = config.episodes() > 0 && episodesCompleted >= config.episodes() ? State.FINISHED : State.RESET_DUE;
    }

    /**
     * RESET_DUE: ask for the reset; WAITING_FOR_PEER: start once the other's EPISODE_READY is here, or without it once
     * the episode-start timeout (if any) has passed since ours went out.
     */
    private RejectReason startEpisodeIfDue() {
        if (state == State.RESET_DUE) {
            int next = episodesCompleted;
            sync.reset();
            requests.add(new FrameRequest.Reset(next, sync.slotToSave(0)));
            state = State.RESETTING;
        }
        if (state == State.FINISHED) {
            return RejectReason.SESSION_FINISHED;
        }
        long timeoutMs = config.episodeStartTimeout().toMillis();
        if (state == State.WAITING_FOR_PEER && timeoutMs > 0 && lastNowMs - readySentMs >= timeoutMs) {
            emit(new SessionEvent.EpisodeStartedWithoutPeer(episodesCompleted, lastNowMs - readySentMs));
            start(lastNowMs); // the first frame steps on the next tick, with its local input
            return RejectReason.WAITING_FOR_PEER;
        }
        return RejectReason.WAITING_FOR_PEER;
    }

    @Override
    public void onEpisodeStarted(int startedEpisode, long initialStateHash) {
        if (state != State.RESETTING || startedEpisode != episodesCompleted) {
            throw new IllegalStateException("unexpected reset report for episode " + startedEpisode + " in state "
                    + state + " (expected episode " + episodesCompleted + ")");
        }
        localReadyHash = EpisodeSync.readyHash(initialStateHash);
        readySentMs = lastNowMs;
        state = State.WAITING_FOR_PEER;
        outgoing.add(new Message.EpisodeReady(startedEpisode + 1, localReadyHash));
        startIfPeerReady(lastNowMs);
    }

    private void startIfPeerReady(long nowMs) {
        String remoteHash = episodeSync.remoteReadyHash(episodesCompleted);
        if (state != State.WAITING_FOR_PEER || remoteHash == null) {
            return;
        }
        if (!remoteHash.equals(localReadyHash)) {
            emit(new SessionEvent.EpisodeReadyMismatch(episodesCompleted, localReadyHash, remoteHash));
        }
        start(nowMs);
    }

    /** Episode {@code episodesCompleted} starts now: fresh inputs, frame 0, the gate open. */
    private void start(long nowMs) {
        episode = episodesCompleted;
        // The previous episode's inputs and hashes are kept until now, to answer a peer still finishing it.
        localInputs.reset();
        remoteInputs.reset();
        for (int f = 0; f < config.inputDelay(); f++) {
            localInputs.addConfirmed(f, config.defaultAction());
            remoteInputs.addConfirmed(f, config.defaultAction());
        }
        desync.reset();
        timeSync.reset();
        exchange.reset(nowMs);
        frame = 0;
        confirmedFrame = Frames.NULL_FRAME;
        maxRollbackDepth = 0;
        lastRollbackDepth = 0;
        gate.open(readySentMs);
        state = State.RUNNING;
        emit(new SessionEvent.EpisodeStarted(episode, localReadyHash));
    }

    // ---------------------------------------------------------------- messages in

    /**
     * A message from the other peer (already decoded). Inputs, input requests and responses, state hashes and episode
     * messages are handled; PING/PONG/keep-alive/focus belong to the transport and are ignored here.
     *
     * @param nowMs the caller's clock in ms
     */
    public void onMessage(Message message, long nowMs) {
        lastNowMs = nowMs;
        if (message instanceof Message.Input in) {
            gate.onPacket(in, frame, nowMs);
        } else if (message instanceof Message.InputResponse r) {
            gate.onResponse(r, frame, nowMs);
        } else if (message instanceof Message.InputRequest req) {
            Message.InputResponse answer = exchange.answer(req, localInputs);
            if (answer != null) {
                outgoing.add(answer);
            }
        } else if (message instanceof Message.StateHash h) {
            // Only frames the other has evidently passed by a margin in this episode (see DesyncDetector).
            int maxFrame = Math.min(gate.remoteFrame() - DesyncDetector.EVIDENCE_MARGIN_FRAMES,
                    frame + config.inputDelay());
            desync.onRemoteHash(episode, h, state == State.RUNNING, gate.inputSeen(), maxFrame,
                    state == State.FINISHED ? 0 : config.inputDelay());
        } else if (message instanceof Message.EpisodeEnd end) {
            episodeSync.onRemoteEnd(end.episode(), end.frame(), eventSink);
        } else if (message instanceof Message.EpisodeReady ready) {
            episodeSync.onRemoteReady(ready.episode(), ready.stateHash());
            startIfPeerReady(nowMs);
        }
    }

    /**
     * One input of the other player that came over the relay (or any path other than an INPUT packet).
     *
     * @param frame target frame within the current episode
     * @param action the action
     * @param path the path it came by (for the counters)
     * @param nowMs the caller's clock in ms
     */
    public void onRemoteInput(int frame, int action, InputPath path, long nowMs) {
        lastNowMs = nowMs;
        gate.admit(frame, action, path, this.frame, nowMs);
    }

    // ---------------------------------------------------------------- messages out

    private void queueMessages(long nowMs) {
        // Between episodes, keep re-sending the ended episode's last inputs until the other peer ended it too.
        boolean remoteNeedsOurInputs = state == State.RUNNING || !(episodeSync.remoteEnded(episodesCompleted - 1)
                || episodeSync.remoteReadyHash(episodesCompleted) != null);
        if (state != State.RESET_DUE && remoteNeedsOurInputs) {
            // Between episodes the last inputs go every tick until the other peer ended the episode too.
            Message.Input in = state == State.RUNNING ? exchange.newInput(localInputs, episode)
                    : exchange.buildInput(localInputs);
            if (in != null) {
                outgoing.add(in);
            }
        }
        desync.collectOutgoing(nowMs, rttMs, outgoing::add);
        if (state == State.WAITING_FOR_PEER || state == State.FINISHED) {
            if (episodesCompleted > 0 && !episodeSync.remoteEnded(episodesCompleted - 1)) {
                outgoing.add(new Message.EpisodeEnd(lastEpisodeFrames(), episodesCompleted - 1));
            }
        }
        if (state == State.WAITING_FOR_PEER || (state == State.RUNNING && !gate.inputSeen())) {
            outgoing.add(new Message.EpisodeReady(episodesCompleted + 1, localReadyHash));
        }
        if (state == State.RUNNING) {
            int needed = waitingForConfirmationSinceMs >= 0 ? frame - 1 : frame - config.predictionWindow() / 2;
            Message.InputRequest req = exchange.maybeRequest(nowMs, remoteInputs, needed, gate.remoteInputFrame());
            if (req != null) {
                outgoing.add(req);
            }
        }
    }

    private int lastEpisodeFrames() {
        return confirmedFrame + 1;
    }

    /** Hands every queued message to {@code out} (in order) and forgets them. The only way messages leave. */
    public void drainOutgoing(Consumer<Message> out) {
        for (Message m; (m = outgoing.poll()) != null; ) {
            out.accept(m);
        }
    }

    /** Hands every queued event to {@code out} (oldest first) and forgets them. */
    public void drainEvents(Consumer<SessionEvent> out) {
        for (SessionEvent e; (e = events.poll()) != null; ) {
            out.accept(e);
        }
    }

    /**
     * Hands every newly confirmed frame to {@code out} (in frame order, episode by episode) and forgets them: the
     * canonical buffer is bounded by how often the caller drains it.
     */
    public void drainConfirmed(Consumer<FrameRecord> out) {
        for (FrameRecord r; (r = confirmedRecords.poll()) != null; ) {
            out.accept(r);
        }
    }

    private void emit(SessionEvent e) {
        if (events.size() >= config.eventCapacity()) {
            events.poll();
            eventsDropped++;
        }
        events.add(e);
    }

    // ---------------------------------------------------------------- metrics (telemetry.md §1, camelCase)

    /** Round-trip time to the other peer, from the transport (PING/PONG), used by time sync. */
    public void setRttMs(double rttMs) {
        this.rttMs = rttMs;
    }

    public SessionConfig config() { return config; }
    public int localPlayer() { return localPlayer; }
    public int remotePlayer() { return 1 - localPlayer; }
    public State state() { return state; }

    /**
     * The telemetry {@code state} (telemetry.md §1): {@code connecting} before the first episode starts,
     * {@code running}, {@code episode_transition} between episodes, {@code done} when finished. ({@code paused} is
     * the peer loop's to report.)
     */
    public String telemetryState() {
        if (state == State.RUNNING) {
            return "running";
        }
        if (state == State.FINISHED) {
            return "done";
        }
        return episodesCompleted == 0 ? "connecting" : "episode_transition";
    }
    /** 0-based episode being played (or, between episodes, the last one played). */
    public int episode() { return episode; }
    /** Episodes finished so far. */
    public int episodesCompleted() { return episodesCompleted; }
    /** Next frame this peer will simulate. */
    public int frame() { return frame; }
    /** The frame {@link #addLocalInput} samples for: {@code frame + inputDelay}. */
    public int localInputFrame() { return frame + config.inputDelay(); }
    public int confirmedFrame() { return confirmedFrame; }
    public int verifiedFrame() { return desync.verifiedFrame(); }
    public int remoteFrame() { return gate.remoteFrame(); }
    /** Newest frame advantage estimate in frames (positive: this peer is ahead), RTT-corrected. */
    public double frameAdvantage() { return timeSync.frameAdvantage(); }
    /** Frames skipped on time sync's advice. */
    public long timeSyncWaits() { return timeSync.waits(); }
    public long rollbacks() { return rollbacks; }
    public long rollbackFrames() { return rollbackFrames; }
    public int lastRollbackDepth() { return lastRollbackDepth; }
    /** Deepest rollback of the current episode. */
    public int maxRollbackDepth() { return maxRollbackDepth; }
    /** Frames simulated with a predicted input and not yet confirmed. */
    public int predictedFrames() { return Math.max(0, frame - 1 - Math.max(confirmedFrame, remoteInputs.lastContiguousFrame())); }
    public long stalls() { return stalls; }
    public long desyncs() { return desync.desyncs(); }
    public int lastDesyncFrame() { return desync.lastDesyncFrame(); }
    public long inputsRecvP2p() { return gate.inputsRecvP2p; }
    public long inputsRecvRelay() { return gate.inputsRecvRelay; }
    /** Remote inputs dropped as belonging to another episode (or impossibly far ahead). */
    public long inputsDroppedStale() { return gate.inputsDroppedStale; }
    /**
     * Of {@link #inputsDroppedStale}, the inputs beyond the furthest frame the other peer can have reached: local
     * frame + 2 × input delay + prediction window + redundancy, and no more than the frames that fit in the time since
     * the episode started (docs/engine.md). A genuine peer never sends these; a late packet of the last episode or a
     * forged one does.
     */
    public long inputsDroppedAhead() { return gate.inputsDroppedAhead; }
    /** Remote inputs dropped as invalid (wrong player, action out of range, frame after the packet's own). */
    public long inputsDroppedInvalid() { return gate.inputsDroppedInvalid; }
    public long inputRequestsSent() { return exchange.inputRequestsSent; }
    /** Frames exported without confirmation (episode-end timeout). */
    public long unconfirmedFrames() { return unconfirmedFrames; }
    public long eventsDropped() { return eventsDropped; }
    /** Hashes dropped before the other peer's arrived (they stay unverified). */
    public long hashesAbandoned() { return desync.hashesAbandoned(); }

    // Buffer sizes, for the bounded-memory tests.
    public int pendingConfirmedCount() { return confirmedRecords.size(); }
    public int pendingEventCount() { return events.size(); }
    public int pendingOutgoingCount() { return outgoing.size(); }
    public int snapshotCapacity() { return sync.capacity(); }
}
