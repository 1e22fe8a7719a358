package org.rollscope.ui.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * Plays a recorded {@link TimelineFile} back as a {@link SessionSource}, so the live views show a past session.
 * At {@code speed == 0} everything is delivered at once (reviewing a file); at {@code speed > 0} samples and events
 * come at their recorded pace divided by {@code speed} (a demo, a screenshot of "live" charts). With {@code loop},
 * the recording starts again when it ends, its times shifted by its length so the charts keep moving forward.
 *
 * <p>Threads: delivers on one daemon thread of its own ({@code rollscope-replay}), like a network source would.
 * Read-only: commands complete at once with a failure saying a recording cannot be steered.
 */
public final class ReplaySource implements SessionSource {

    /** Why commands are unavailable: shown as the tooltip of the disabled buttons. */
    public static final String READ_ONLY_REASON = "a recorded timeline cannot be steered";

    private final TimelineFile file;
    private final String name;
    private final double speed;
    private final boolean loop;
    private final List<Object> ordered;
    private final long maxSeq;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SourceListener listener;
    private ScheduledExecutorService thread;

    /**
     * @param name what the toolbar shows, e.g. the file name
     * @param speed 0 for everything at once, 1 for recorded pace, 10 for ten times faster
     * @param loop start again at the end (only with speed &gt; 0)
     */
    public ReplaySource(TimelineFile file, String name, double speed, boolean loop) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number >= 0, got " + speed);
        }
        this.file = file;
        this.name = name;
        this.speed = speed;
        this.loop = loop && speed > 0;
        this.ordered = inTimeOrder(file);
        this.maxSeq = file.samples().stream().mapToLong(PeerSample::seq).max().orElse(0);
    }

    /** Samples and events merged by time; an event at the same ms as a sample comes after it (it was caused by it). */
    private static List<Object> inTimeOrder(TimelineFile file) {
        List<Object> all = new ArrayList<>(file.samples().size() + file.events().size());
        all.addAll(file.samples());
        all.addAll(file.events());
        all.sort(Comparator.comparingLong(ReplaySource::tMs).thenComparing(o -> o instanceof SessionEventRecord ? 1 : 0));
        return all;
    }

    private static long tMs(Object o) {
        return o instanceof PeerSample s ? s.tMs() : ((SessionEventRecord) o).tMs();
    }

    @Override
    public String describe() {
        return "replay of " + name;
    }

    @Override
    public SourceCapabilities capabilities() {
        // What the recorded source reported: a reopened MUG export shows its unreported fields as unknown again.
        return SourceCapabilities.readOnly(READ_ONLY_REASON, java.util.Set.copyOf(file.meta().reportedFields()), false);
    }

    @Override
    public void connect(SourceListener l) {
        if (closed.get()) {
            throw new IllegalStateException("replay source is closed");
        }
        if (!connected.compareAndSet(false, true)) {
            throw new IllegalStateException("replay source already connected");
        }
        listener = l;
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rollscope-replay");
            t.setDaemon(true);
            return t;
        });
        thread.execute(this::start);
    }

    private void start() {
        if (speed == 0) {
            listener.onConnectionState(new ConnectionState(ConnectionState.Kind.CONNECTING, "loading " + name));
            listener.onSnapshot(liveSessions());
            loadAtOnce(0);
        } else {
            listener.onConnectionState(ConnectionState.of(ConnectionState.Kind.CONNECTING));
            listener.onConnectionState(new ConnectionState(ConnectionState.Kind.CONNECTED, describe()));
            listener.onSnapshot(liveSessions());
            schedule(0, 0);
        }
    }

    /**
     * Delivers everything as fast as the console takes it: while the listener says it is behind, waits a little
     * instead of flooding it (a large file would otherwise lose points on screen). Shows progress as the
     * connection detail; CONNECTED once everything is delivered.
     */
    private void loadAtOnce(int from) {
        int i = from;
        while (i < ordered.size() && !closed.get()) {
            if (!listener.readyForMore()) {
                int resume = i;
                listener.onConnectionState(new ConnectionState(ConnectionState.Kind.CONNECTING,
                        "loading " + name + " " + (100L * i / ordered.size()) + " %"));
                thread.schedule(() -> loadAtOnce(resume), LOAD_BACKOFF_MS, TimeUnit.MILLISECONDS);
                return;
            }
            deliver(ordered.get(i++));
        }
        if (!closed.get()) {
            listener.onSnapshot(file.meta().sessions());
            listener.onConnectionState(new ConnectionState(ConnectionState.Kind.CONNECTED, describe()));
        }
    }

    /** Pause while the console catches up: about a third of a 60 Hz pulse. */
    private static final long LOAD_BACKOFF_MS = 5;

    /** The recorded sessions as they were at the start: not yet ended (the replay ends them). */
    private List<SessionInfo> liveSessions() {
        return file.meta().sessions().stream()
                .map(s -> new SessionInfo(s.gameId(), s.players(), "", false, s.createdMs(), null, null)).toList();
    }

    /** Delivers item {@code index} of round {@code round} and schedules the next one at its recorded distance. */
    private void schedule(int index, int round) {
        if (closed.get()) {
            return;
        }
        if (index >= ordered.size()) {
            if (!loop || ordered.isEmpty()) {
                listener.onSnapshot(file.meta().sessions());
                return;
            }
            index = 0;
            round++;
        }
        long shift = round * (span() + 100);
        deliver(shifted(ordered.get(index), shift, round * (maxSeq + 1)));
        int next = index + 1;
        long gapMs = next < ordered.size() ? tMs(ordered.get(next)) - tMs(ordered.get(index)) : 100;
        int nextRound = round;
        thread.schedule(() -> schedule(next, nextRound), Math.max(0, (long) (gapMs / speed)), TimeUnit.MILLISECONDS);
    }

    private long span() {
        return ordered.isEmpty() ? 0 : tMs(ordered.get(ordered.size() - 1)) - tMs(ordered.get(0));
    }

    private static Object shifted(Object o, long shiftMs, long seqShift) {
        if (shiftMs == 0) {
            return o;
        }
        if (o instanceof PeerSample s) {
            return s.withSeqAndTime(s.seq() + seqShift, s.tMs() + shiftMs); // keeps ICE, source and unknowns
        }
        SessionEventRecord e = (SessionEventRecord) o;
        return new SessionEventRecord(e.gameId(), e.playerId(), e.tMs() + shiftMs, e.kind(), e.detail());
    }

    private void deliver(Object o) {
        if (closed.get()) {
            return;
        }
        if (o instanceof PeerSample s) {
            listener.onSample(s);
        } else {
            SessionEventRecord e = (SessionEventRecord) o;
            if (loop && SessionEventRecord.ENDED.equals(e.kind())) {
                return; // a looping demo never ends its session
            }
            listener.onEvent(e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (thread != null) {
            thread.shutdownNow();
        }
        SourceListener l = listener;
        if (l != null) {
            l.onConnectionState(ConnectionState.of(ConnectionState.Kind.CLOSED));
        }
    }

    @Override
    public CompletableFuture<CommandResult> requestSnapshot() {
        SourceListener l = listener;
        if (l == null || closed.get()) {
            return CompletableFuture.completedFuture(CommandResult.failed("not connected"));
        }
        thread.execute(() -> l.onSnapshot(file.meta().sessions()));
        return CompletableFuture.completedFuture(CommandResult.success());
    }

    @Override
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return CompletableFuture.completedFuture(CommandResult.failed(READ_ONLY_REASON));
    }

    @Override
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return CompletableFuture.completedFuture(CommandResult.failed(READ_ONLY_REASON));
    }

    @Override
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return CompletableFuture.completedFuture(CommandResult.failed(READ_ONLY_REASON));
    }
}
