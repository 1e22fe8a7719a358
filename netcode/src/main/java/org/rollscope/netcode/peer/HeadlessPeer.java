package org.rollscope.netcode.peer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.rollscope.netcode.game.ReferenceGame;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.ChannelKind;
import org.rollscope.netcode.transport.DatagramAuth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless peer: joins a session on a relay, plays the reference game with a bot over rollback netcode (P2P first,
 * relay as fallback; the channel is UDP or a WebRTC DataChannel), reports telemetry, obeys the operator's commands and sends each episode's confirmed data until
 * the relay stored it. The console's pilot and {@code rollscope peer} both run one.
 *
 * <p>Threads: one loop thread ({@code peer-loop-N}) ticks at the configured frame rate and owns the engine, the
 * channel's protocol and the policy; the relay client's Socket.IO thread only queues what it receives; the P2P
 * channel (opened once both seats are known) has its receiver or WebRTC control thread and its link thread. Public methods may be called from any thread and never block.
 *
 * <p>The peer keeps playing over P2P if the relay goes away; the relay client reconnects and re-takes the seat.
 */
public final class HeadlessPeer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessPeer.class);
    private static final AtomicInteger LOOP_NUMBER = new AtomicInteger();

    private final PeerConfig config;
    private final PeerRelayClient relay;
    private final ScheduledExecutorService loop;
    private final CompletableFuture<PeerResult> finished = new CompletableFuture<>();
    private final LoopClock clock = new LoopClock();
    private final List<RelayInbound> early = new ArrayList<>();
    private volatile SeatedSession seat;
    private RelayInbound.Assigned assigned;
    /** Game-ready can overtake our own assignment (the other seat's join announces it): kept until both are known. */
    private RelayInbound.GameReady pendingReady;
    private volatile boolean relayConnected;
    /** {episode, frame} after which this peer's state is corrupted on purpose, or null (see {@link #corruptStateAt}). */
    private volatile int[] corruptAt;

    public HeadlessPeer(PeerConfig config) {
        this.config = config;
        this.relay = new PeerRelayClient(config.server(), config.gameId(), config.playerId(), null);
        String name = "peer-loop-" + LOOP_NUMBER.incrementAndGet();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Drill and test hook: right after frame {@code frame} of episode {@code episode} is stepped (replays included),
     * this peer's game state changes as a nondeterministic game or a memory fault would change it, so the next hash
     * comparison finds a desync. It lets the whole desync path be exercised on a real peer: the {@code desync} event
     * at the relay, the console's marks, the exports. Call before {@link #start()}.
     */
    public HeadlessPeer corruptStateAt(int episode, int frame) {
        corruptAt = new int[] {episode, frame};
        return this;
    }

    /** Connects to the relay and starts the frame loop. Returns at once; see {@link #finished()}. */
    public HeadlessPeer start() {
        relay.connect();
        long periodNanos = 1_000_000_000L / config.fps();
        loop.scheduleAtFixedRate(this::tickSafely, 0, periodNanos, TimeUnit.NANOSECONDS);
        return this;
    }

    /** Completes when every episode was played and stored; fails if the loop hit a bug. */
    public CompletableFuture<PeerResult> finished() {
        return finished;
    }

    /** The newest telemetry sample, or null before the session started. */
    public PeerSample latestSample() {
        SeatedSession s = seat;
        return s == null ? null : s.reporter().latest();
    }

    /** The game id once assigned (or as configured), else null. */
    public String gameId() {
        return relay.gameId();
    }

    /** The seat's player id once assigned (or as configured), else null. */
    public String playerId() {
        return relay.playerId();
    }

    /** True while the relay connection is up and the seat is held. */
    public boolean relayConnected() {
        return relayConnected;
    }

    /**
     * Measurement hook: completes with {@link System#nanoTime()} when the next input of the other seat arrives by
     * the relay ({@code rollscope load} times fallback switches with it).
     */
    public CompletableFuture<Long> nextRelayedInputNanos() {
        return relay.nextRemoteActionNanos();
    }

    /**
     * P2P datagrams dropped unread so far: from an address other than the partner's, or without a valid tag of the
     * session key (docs/peer.md). Any thread; 0 before the session started.
     */
    public long datagramsDropped() {
        SeatedSession s = seat;
        if (s == null) {
            return 0;
        }
        var counters = s.transport().counters();
        return counters.droppedForeignSource() + counters.droppedUnauthenticated();
    }

    /** The partner's inputs dropped as further ahead than it can have played (docs/peer.md). Any thread. */
    public long inputsDroppedAhead() {
        SeatedSession s = seat;
        return s == null ? 0 : s.session().inputsDroppedAhead();
    }

    /** The UDP channel's local address once the session started, else null (tests aim forged datagrams at it). */
    java.net.InetSocketAddress udpAddress() {
        SeatedSession s = seat;
        return s == null || s.link().udp() == null ? null : s.link().udp().localAddress();
    }

    /** The UDP channel's counters once the session started, else null. */
    org.rollscope.netcode.transport.TransportCounters p2pCounters() {
        SeatedSession s = seat;
        return s == null ? null : s.transport().counters();
    }

    /** Closes the peer-to-peer channel as a network failure would (tests and fallback drills); play goes on by relay. */
    public void closeP2pSocket() {
        SeatedSession s = seat;
        if (s != null) {
            s.transport().close();
        }
    }

    /**
     * Drill and test hook: the frame loop stops as a hung game loop would, while the relay connection stays up. The
     * relay still delivers commands and they are never acknowledged, so the operator sees the relay's command
     * timeout; telemetry stops. {@link #close()} still releases everything.
     */
    public void hangLoop() {
        loop.shutdown();
    }

    /** Stops the loop and closes every connection. Idempotent. */
    @Override
    public void close() {
        loop.shutdownNow();
        relay.close();
        SeatedSession s = seat;
        if (s != null) {
            s.transport().close();
        }
        finished.completeExceptionally(new IllegalStateException("peer closed before the session finished"));
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException | Error e) {
            // A bug, not a network condition: stop loudly rather than play on with a broken engine.
            LOG.error("peer {} stopped: {}", relay.playerId(), e.toString(), e);
            finished.completeExceptionally(e);
            loop.shutdown();
        }
    }

    private void tick() {
        long nowMs = clock.nowMs();
        relay.drain(m -> onRelay(m, nowMs));
        SeatedSession s = seat;
        if (s == null) {
            return;
        }
        s.tick(nowMs);
        if (s.finished() && !finished.isDone()) {
            var session = s.session();
            finished.complete(new PeerResult(relay.gameId(), relay.playerId(), session.episodesCompleted(),
                    s.uploader().storedCount(), session.rollbacks(), session.maxRollbackDepth(), session.stalls(),
                    session.desyncs(), s.router().inputsSentP2p(), s.router().inputsSentRelay(), s.partnerGone(),
                    datagramsDropped(), session.inputsDroppedAhead()));
        }
    }

    private void onRelay(RelayInbound message, long nowMs) {
        if (message instanceof RelayInbound.Connection c) {
            relayConnected = c.connected();
            LOG.info("peer {}: relay {}", relay.playerId(), c.detail());
        } else if (message instanceof RelayInbound.Refused r) {
            LOG.warn("peer {}: relay refused {}: {} ({})", relay.playerId(), r.event(), r.error(), r.message());
        } else if (message instanceof RelayInbound.Assigned a) {
            assigned = a;
            if (pendingReady != null) {
                onGameReady(pendingReady);
            }
        } else if (message instanceof RelayInbound.GameReady ready) {
            pendingReady = ready;
            onGameReady(ready);
        } else if (seat != null) {
            seat.onRelay(message, nowMs);
        } else if (message instanceof RelayInbound.Command c) {
            c.reply().reply(false, "not_started: the session has not started yet");
        } else {
            early.add(message); // a signal or input that raced the game-ready event
        }
    }

    private void onGameReady(RelayInbound.GameReady ready) {
        if (seat != null || assigned == null) {
            return; // a returning peer is told again; the session goes on
        }
        List<String> players = new ArrayList<>(ready.players());
        players.sort(null); // wire.md: the player index is the position among the ids sorted as strings
        String localId = assigned.playerId();
        int localIndex = players.indexOf(localId);
        if (players.size() != 2 || localIndex < 0) {
            LOG.error("peer {}: game ready with players {} does not include this seat", localId, players);
            return;
        }
        String remoteId = players.get(1 - localIndex);
        String host = config.bindHost() != null ? config.bindHost() : URI.create(config.server()).getHost();
        DatagramAuth auth = null;
        if (ready.p2pKey() != null) {
            auth = new DatagramAuth(ready.p2pKey(), localIndex);
        } else if (config.channel() == ChannelKind.UDP) {
            LOG.warn("peer {}: the relay gave no p2p_key; UDP datagrams are not authenticated", localId);
        }
        P2pLink link = P2pLink.open(config.channel(), config.iceServers(), host, config.link(), relay, localId, remoteId,
                true, auth);
        SeatRules rules = SeatRules.rollscope(new ReferenceGame(new ReferenceGame.Config(config.framesPerEpisode(),
                config.pointsToWin())), config.partnerTimeout());
        seat = new SeatedSession(config, relay, link, rules, clock, localIndex, localId, remoteId,
                assigned.gameSeed());
        int[] corrupt = corruptAt;
        if (corrupt != null) {
            seat.corruptStateAt(corrupt[0], corrupt[1]);
        }
        LOG.info("peer {}: game {} ready, player index {}, seed {}", localId, assigned.gameId(), localIndex,
                assigned.gameSeed());
        long nowMs = clock.nowMs();
        early.forEach(m -> seat.onRelay(m, nowMs));
        early.clear();
    }
}
