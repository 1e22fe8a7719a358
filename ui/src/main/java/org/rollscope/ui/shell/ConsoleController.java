package org.rollscope.ui.shell;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.ui.export.TimelineRecorder;
import org.rollscope.ui.fx.FxThread;
import org.rollscope.ui.service.CommandService;
import org.rollscope.ui.service.InboxPump;
import org.rollscope.ui.service.TelemetryInbox;
import org.rollscope.ui.session.ConsoleModel;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionEventRecord;
import org.rollscope.ui.source.SessionInfo;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceListener;

/**
 * Owns the data path of the console: the current source, the recorder in front of the inbox, the inbox and the pump
 * that drains it into the model once per pulse. Opening another source closes the previous one (on a background
 * thread, since a network close may wait) and ignores anything it still delivers.
 *
 * <p>FX thread for every method.
 */
public final class ConsoleController {

    private final ConsoleModel model;
    private final TelemetryInbox inbox = new TelemetryInbox();
    private final CommandService commands;
    private final InboxPump pump;
    private final ExecutorService closer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rollscope-source-close");
        t.setDaemon(true);
        return t;
    });
    private volatile SessionSource source;
    private TimelineRecorder recorder = new TimelineRecorder(inbox);

    public ConsoleController(ConsoleModel model, Runnable afterDrain) {
        this.model = model;
        this.commands = new CommandService(() -> source, inbox);
        this.pump = new InboxPump(inbox, model::apply, afterDrain);
    }

    public void start() {
        FxThread.assertFxThread();
        pump.start();
    }

    /** Closes the current source, clears the model and connects {@code next}. */
    public void open(SessionSource next) {
        FxThread.assertFxThread();
        closeSource();
        inbox.drainTo(u -> { }); // anything the old source queued is stale now
        model.reset(next.capabilities());
        recorder = new TimelineRecorder(inbox, TimelineRecorder.DEFAULT_SAMPLE_CAPACITY,
                TimelineRecorder.DEFAULT_EVENT_CAPACITY, next.capabilities().reportedFields());
        source = next;
        next.connect(new Gate(recorder, next));
    }

    public void stop() {
        pump.stop();
        closeSource();
        closer.shutdown();
    }

    private void closeSource() {
        SessionSource old = source;
        source = null;
        if (old != null) {
            closer.execute(old::close);
        }
    }

    public SessionSource source() {
        return source;
    }

    public TimelineRecorder recorder() {
        return recorder;
    }

    public CommandService commands() {
        return commands;
    }

    public TelemetryInbox inbox() {
        return inbox;
    }

    public InboxPump pump() {
        return pump;
    }

    /** Forwards a source's calls only while it is the current source. */
    private final class Gate implements SourceListener {
        private final SourceListener next;
        private final SessionSource owner;

        Gate(SourceListener next, SessionSource owner) {
            this.next = next;
            this.owner = owner;
        }

        private boolean current() {
            return source == owner;
        }

        @Override
        public boolean readyForMore() {
            return next.readyForMore();
        }

        @Override
        public void onConnectionState(ConnectionState state) {
            if (current()) next.onConnectionState(state);
        }

        @Override
        public void onSnapshot(java.util.List<SessionInfo> sessions) {
            if (current()) next.onSnapshot(sessions);
        }

        @Override
        public void onSample(PeerSample sample) {
            if (current()) next.onSample(sample);
        }

        @Override
        public void onEvent(SessionEventRecord event) {
            if (current()) next.onEvent(event);
        }
    }
}
