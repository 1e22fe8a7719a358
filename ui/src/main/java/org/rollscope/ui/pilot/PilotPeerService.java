package org.rollscope.ui.pilot;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.rollscope.netcode.peer.HeadlessPeer;
import org.rollscope.netcode.peer.MugParticipant;
import org.rollscope.netcode.peer.PeerConfig;

/**
 * Runs at most one built-in headless peer in the console's process. Starting and stopping happen on the service's
 * own thread ({@code pilot-peer}), since connecting to the relay and closing sockets may wait; callers get futures and
 * never block. The peer reports its telemetry through the relay like any other peer, so the console shows it from
 * the relay's data, not from here.
 *
 * <p>Any thread. Errors complete the futures exceptionally with the reason.
 */
public final class PilotPeerService implements AutoCloseable {

    /** A pilot plays until stopped: 1,000 one-minute episodes are about 16 hours. */
    static final int EPISODES = 1_000;
    static final int FRAMES_PER_EPISODE = 60 * 60;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pilot-peer");
        t.setDaemon(true);
        return t;
    });
    private volatile HeadlessPeer peer;
    private volatile MugParticipant mugPeer;

    /** Starts a pilot peer for {@code request}, stopping a running one first. Completes with the started peer. */
    public CompletableFuture<HeadlessPeer> start(PilotRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            closePeer();
            PeerConfig config = PeerConfig.builder(request.relayUrl()).gameId(request.gameId()).bot(request.bot())
                    .episodes(EPISODES).framesPerEpisode(FRAMES_PER_EPISODE).link(request.link()).build();
            HeadlessPeer started = new HeadlessPeer(config).start();
            peer = started;
            return started;
        }, worker);
    }

    /**
     * Starts a pilot as a participant of a real MUG experiment, stopping a running one first. Completes once the
     * participant exists on the server (it then walks MUG's flow by itself; see {@link #mugPeer()}).
     */
    public CompletableFuture<MugParticipant> startMug(MugPilotRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            closePeer();
            PeerConfig config = PeerConfig.builder(request.experiment().toString()).bot(request.bot())
                    .link(request.link()).build();
            MugParticipant started = new MugParticipant(request.experiment(), null, config);
            try {
                started.start();
            } catch (java.io.IOException e) {
                started.close();
                throw new java.io.UncheckedIOException(e);
            }
            mugPeer = started;
            return started;
        }, worker);
    }

    /** The running MUG pilot, or null. */
    public MugParticipant mugPeer() {
        return mugPeer;
    }

    /** Stops the running pilot peer, if any. */
    public CompletableFuture<Void> stop() {
        return CompletableFuture.runAsync(this::closePeer, worker);
    }

    /** The running pilot peer, or null. */
    public HeadlessPeer peer() {
        return peer;
    }

    private void closePeer() {
        HeadlessPeer running = peer;
        peer = null;
        if (running != null) running.close();
        MugParticipant participant = mugPeer;
        mugPeer = null;
        if (participant != null) participant.close();
    }

    /** Stops the peer and the service's thread (the console is closing). */
    @Override
    public void close() {
        closePeer();
        worker.shutdownNow();
    }
}
