package org.rollscope.ui.pilot;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.MugParticipant;
import org.rollscope.netcode.transport.LinkProfile;

/**
 * The pilot peer as the console shows it: whether one runs, where, and a one-line status; commands to open a pilot
 * session, join a session's open seat, and stop. Knows no controls. FX thread for every method; the service's
 * futures come back through {@code fx} (one hop per command, not per sample).
 */
public final class PilotPeerViewModel {

    /** Shown when the console does not watch a relay: a pilot plays through the relay the console watches. */
    public static final String NEEDS_RELAY = "Pilot needs a Rollscope relay: connect with its URL and token";

    private final PilotPeerService service;
    private final Supplier<String> relayUrl;
    private final Executor fx;
    private final LongSupplier clockMs;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper gameId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private Consumer<MugPilotSource> mugPilotStarted = source -> { };

    /**
     * @param relayUrl the URL of the relay the console watches, or null when it watches something else
     * @param fx runs completions on the FX thread ({@code Platform::runLater}; tests pass a direct executor)
     */
    public PilotPeerViewModel(PilotPeerService service, Supplier<String> relayUrl, Executor fx, LongSupplier clockMs) {
        this.service = service;
        this.relayUrl = relayUrl;
        this.fx = fx;
        this.clockMs = clockMs;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** True while a start or stop is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The pilot's session, empty when none. */
    public ReadOnlyStringProperty gameIdProperty() {
        return gameId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /**
     * Called on the FX thread with the pilot's own telemetry as a source each time a MUG pilot starts; the window
     * decides whether to show it (a MUG server takes no Rollscope telemetry, so nothing else shows the pilot's card).
     */
    public void onMugPilotStarted(Consumer<MugPilotSource> handler) {
        mugPilotStarted = handler;
    }

    /** Why a pilot cannot start now, or null when it can. */
    public String blockedReason() {
        return relayUrl.get() == null ? NEEDS_RELAY : null;
    }

    /** True when a pilot can start; otherwise shows why in the status and returns false. */
    public boolean checkReady() {
        String blocked = blockedReason();
        if (blocked != null) status.set(blocked);
        return blocked == null;
    }

    /** A new game id for a pilot session that waits for a second player; unique enough for a lab's relay. */
    public String newPilotGameId() {
        return "pilot-" + Long.toString(clockMs.getAsLong() % 1_000_000_000L, 36);
    }

    /** Opens a new pilot session that waits for a second player. */
    public void openPilotSession(String bot, LinkProfile link) {
        start(newPilotGameId(), bot, link, "waiting for a second player");
    }

    /** Takes the open seat of {@code game} as its second player. */
    public void joinSession(String game, String bot, LinkProfile link) {
        start(game, bot, link, "joining as the second player");
    }

    private void start(String game, String bot, LinkProfile link, String what) {
        String url = relayUrl.get();
        if (url == null) {
            status.set(NEEDS_RELAY);
            return;
        }
        PilotRequest request;
        try {
            request = new PilotRequest(url, game, bot, link);
        } catch (IllegalArgumentException e) {
            status.set("Pilot not started: " + e.getMessage());
            return;
        }
        busy.set(true);
        status.set("Starting pilot (" + bot + ") in " + game + "…");
        service.start(request).whenCompleteAsync((peer, error) -> {
            busy.set(false);
            if (error != null) {
                running.set(false);
                gameId.set("");
                status.set("Pilot failed to start: " + rootMessage(error));
            } else {
                running.set(true);
                gameId.set(game);
                status.set("Pilot (" + bot + ") in " + game + ": " + what);
            }
        }, fx);
    }

    /**
     * Partners a real MUG experiment (no relay needed): the pilot walks MUG's participant flow to the game scene's
     * open seat and plays it; the status follows its phase, transport and RTT.
     */
    public void partnerMug(String url, String path, String bot, LinkProfile link) {
        MugPilotRequest request;
        try {
            request = MugPilotRequest.of(url, path, bot, link);
        } catch (IllegalArgumentException e) {
            status.set("Pilot not started: " + e.getMessage());
            return;
        }
        busy.set(true);
        status.set("Starting MUG pilot (" + bot + ") at " + request.experiment() + "…");
        service.startMug(request).whenCompleteAsync((participant, error) -> {
            busy.set(false);
            running.set(error == null);
            gameId.set(error == null ? "MUG " + participant.subjectId() : "");
            status.set(error == null ? "MUG pilot " + participant.subjectId() + " joined " + request.experiment()
                    : "MUG pilot failed to start: " + rootMessage(error));
            if (error == null) {
                mugPilotStarted.accept(new MugPilotSource("MUG pilot " + participant.subjectId() + " at "
                        + request.experiment(), PilotHandle.of(participant)));
            }
        }, fx);
    }

    /** Stops the pilot peer; its seat shows as left in the session. */
    public void stop() {
        busy.set(true);
        status.set("Stopping pilot…");
        service.stop().whenCompleteAsync((v, error) -> {
            busy.set(false);
            running.set(false);
            String game = gameId.get();
            gameId.set("");
            status.set(error == null ? "Pilot stopped" + (game.isEmpty() ? "" : " (was in " + game + ")")
                    : "Pilot stop failed: " + rootMessage(error));
        }, fx);
    }

    /** FX thread, once per pulse or so: the status follows the pilot's seat and frame. */
    public void refresh() {
        MugParticipant mug = service.mugPeer();
        if (running.get() && mug != null) {
            status.set(mugStatus(mug));
            return;
        }
        HeadlessPeer peer = service.peer();
        if (!running.get() || peer == null) return;
        PeerSample s = peer.latestSample();
        String seat = peer.playerId() == null ? "no seat yet" : "seat " + peer.playerId();
        String play = s == null ? "waiting for a second player" : s.state() + ", frame " + s.frame();
        status.set(String.format(Locale.ROOT, "Pilot in %s, %s: %s", gameId.get(), seat, play));
    }

    /** One line for a MUG pilot: its phase, and in the game its frame, transport, RTT and ICE path. */
    static String mugStatus(MugParticipant mug) {
        if (mug.finished().isCompletedExceptionally()) {
            return "MUG pilot " + mug.subjectId() + " stopped: " + rootMessage(mug.finished().handle((r, e) -> e).join());
        }
        if (mug.finished().isDone()) {
            return "MUG pilot " + mug.subjectId() + ": reached the end scene";
        }
        PeerSample s = mug.latestSample();
        String play = s == null ? "" : String.format(Locale.ROOT, ", episode %d frame %d, %s, RTT %s, ICE %s",
                s.episode(), s.frame(), s.transport(), s.rttMs() == null ? "—" : Math.round(s.rttMs()) + " ms",
                s.icePath() == null ? "—" : s.icePath());
        return "MUG pilot " + mug.subjectId() + ": " + mug.phase() + play;
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
