package org.rollscope.ui.pilot;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.ui.source.Capability;
import org.rollscope.ui.source.CommandResult;
import org.rollscope.ui.source.ConnectionState;
import org.rollscope.ui.source.SessionSource;
import org.rollscope.ui.source.SourceCapabilities;
import org.rollscope.ui.source.SourceListener;

/**
 * The console's source while it runs a MUG pilot and watches nothing else: the pilot's own telemetry, which a MUG
 * server does not take, straight from the pilot in this process. Its session is the MUG game (the samples carry MUG's
 * game and player ids), with the pilot's card, timeline and export like any peer's; every field is reported. The one
 * command it takes is force fallback, MUG's latch, carried out by the pilot itself: restoring P2P is not MUG's (its
 * fallback lasts the game), and the link is chosen when the pilot starts.
 *
 * <p>Any thread; samples are passed on from the pilot's thread (the console's recorder and inbox never block).
 */
public final class MugPilotSource implements SessionSource {
    /** Why the console's other commands are unavailable while it shows the pilot. */
    public static final String NO_COMMANDS = "the MUG pilot's own telemetry: commands need a Rollscope relay";
    static final String NO_RESTORE = "MUG's fallback lasts the rest of the game: there is no way back to P2P";
    static final String NO_LINK = "the pilot's link is chosen when it starts (the pilot dialog's link preset)";
    static final String NOT_IN_GAME = "the MUG pilot is not in a game";

    private final String description;
    private final PilotHandle pilot;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SourceListener listener;

    /** @param description what the source line shows, e.g. {@code MUG pilot rollscope-pilot-1a2b at http://…} */
    public MugPilotSource(String description, PilotHandle pilot) {
        this.description = description;
        this.pilot = pilot;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public SourceCapabilities capabilities() {
        Map<Capability, String> unsupported = new EnumMap<>(Capability.class);
        unsupported.put(Capability.RESTORE_P2P, NO_RESTORE);
        unsupported.put(Capability.SET_LINK, NO_LINK);
        unsupported.put(Capability.REQUEST_SNAPSHOT, NO_COMMANDS);
        return new SourceCapabilities(unsupported, SourceCapabilities.ALL_FIELDS, true);
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
        pilot.subscribe(this::forward);
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
        pilot.subscribe(sample -> { });
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
        // Only the pilot's own seat shows here, so the command is for the pilot whatever seat it names.
        return pilot.forceFallback().thenApply(done -> done ? CommandResult.success()
                : CommandResult.failed(NOT_IN_GAME));
    }

    @Override
    public CompletableFuture<CommandResult> restoreP2p(String gameId, String playerId) {
        return CompletableFuture.completedFuture(CommandResult.failed(NO_RESTORE));
    }

    @Override
    public CompletableFuture<CommandResult> setLink(String gameId, String playerId, LinkProfile link) {
        return CompletableFuture.completedFuture(CommandResult.failed(NO_LINK));
    }
}
