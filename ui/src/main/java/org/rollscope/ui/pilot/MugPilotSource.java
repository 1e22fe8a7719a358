package org.rollscope.ui.pilot;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * The console's source while it runs a MUG pilot and watches nothing else: the pilot's own telemetry, which a MUG
 * server does not take, straight from the pilot in this process. Its session is the MUG game (the samples carry MUG's
 * game and player ids), with the pilot's card, timeline and export like any peer's; every field is reported. It
 * carries no commands: the pilot's game lives on a MUG server, not on a Rollscope relay.
 *
 * <p>Any thread; samples are passed on from the pilot's thread (the console's recorder and inbox never block).
 */
public final class MugPilotSource implements SessionSource {
    /** Why the console's commands are unavailable while it shows the pilot. */
    public static final String NO_COMMANDS = "the MUG pilot's own telemetry: commands need a Rollscope relay";

    private final String description;
    private final PilotSamples samples;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SourceListener listener;

    /** @param description what the source line shows, e.g. {@code MUG pilot rollscope-pilot-1a2b at http://…} */
    public MugPilotSource(String description, PilotSamples samples) {
        this.description = description;
        this.samples = samples;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public SourceCapabilities capabilities() {
        return SourceCapabilities.readOnly(NO_COMMANDS, SourceCapabilities.ALL_FIELDS, true);
    }

    @Override
    public void connect(SourceListener to) {
        if (closed.get() || !connected.compareAndSet(false, true)) {
            throw new IllegalStateException("already connected or closed: " + description);
        }
        listener = to;
        to.onConnectionState(ConnectionState.of(ConnectionState.Kind.CONNECTING));
        to.onConnectionState(ConnectionState.of(ConnectionState.Kind.CONNECTED));
        to.onSnapshot(List.of()); // the pilot's session appears with its first sample
        samples.subscribe(this::forward);
    }

    private void forward(PeerSample sample) {
        SourceListener to = listener;
        if (to != null) {
            to.onSample(sample);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SourceListener to = listener;
        listener = null;
        samples.subscribe(sample -> { });
        if (to != null) {
            to.onConnectionState(ConnectionState.of(ConnectionState.Kind.CLOSED));
        }
    }

    @Override
    public CompletableFuture<CommandResult> requestSnapshot() {
        return CompletableFuture.completedFuture(CommandResult.failed(NO_COMMANDS));
    }

    @Override
    public CompletableFuture<CommandResult> forceFallback(String gameId, String playerId) {
        return CompletableFuture.completedFuture(CommandResult.failed(NO_COMMANDS));
    }

    @Override
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return CompletableFuture.completedFuture(CommandResult.failed(NO_COMMANDS));
    }

    @Override
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return CompletableFuture.completedFuture(CommandResult.failed(NO_COMMANDS));
    }
}
