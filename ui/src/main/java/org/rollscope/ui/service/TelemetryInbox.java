package org.rollscope.ui.service;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SourceListener;

/**
 * The only bridge from network (and replay) threads to the FX thread. {@code offer} never blocks: when the queue is
 * full the oldest update is dropped and counted, so a stalled UI can never back-pressure a socket thread (JabRef's
 * blocking latch is what we avoid). The FX thread drains everything once per pulse ({@link InboxPump}), so all
 * view-model and chart changes of a pulse happen together and ChartFX redraws once.
 *
 * <p>The recorder for exports sits in front of this queue (see {@code RecordingListener}), so a drop here loses a
 * point on screen, never a row of an export.
 */
public final class TelemetryInbox implements SourceListener {

    /** 100 sessions × 2 peers × 10 Hz is 2,000 samples/s, about 35 per 60 Hz pulse; this holds 8 s of a stalled UI. */
    public static final int DEFAULT_CAPACITY = 16_384;

    private final BlockingQueue<SourceUpdate> pending;
    private final int capacity;
    private final LongAdder dropped = new LongAdder();

    public TelemetryInbox() {
        this(DEFAULT_CAPACITY);
    }

    public TelemetryInbox(int capacity) {
        this.capacity = capacity;
        pending = new ArrayBlockingQueue<>(capacity);
    }

    /** Any thread; never blocks. */
    public void offer(SourceUpdate update) {
        while (!pending.offer(update)) {
            pending.poll();
            dropped.increment();
        }
    }

    /** FX thread only: hands every queued update to {@code fx}, in arrival order. */
    public void drainTo(Consumer<SourceUpdate> fx) {
        FxThread.assertFxThread();
        for (SourceUpdate u; (u = pending.poll()) != null; ) {
            fx.accept(u);
        }
    }

    /** Updates dropped because the FX thread fell behind, since start. */
    public long droppedCount() {
        return dropped.sum();
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Below half full: a replay may send more without anything being dropped. */
    @Override
    public boolean readyForMore() {
        return pending.size() < capacity / 2;
    }

    @Override
    public void onConnectionState(ConnectionState state) {
        offer(new SourceUpdate.ConnectionChanged(state));
    }

    @Override
    public void onSnapshot(List<SessionInfo> sessions) {
        offer(new SourceUpdate.SnapshotReceived(List.copyOf(sessions)));
    }

    @Override
    public void onSample(PeerSample sample) {
        offer(new SourceUpdate.SampleReceived(sample));
    }

    @Override
    public void onEvent(SessionEventRecord event) {
        offer(new SourceUpdate.EventReceived(event));
    }

    /** Any thread: a command's acknowledgement, shown in the status line at the next pulse. */
    public void onCommandCompleted(String description, CommandResult result) {
        offer(new SourceUpdate.CommandCompleted(description, result));
    }
}
