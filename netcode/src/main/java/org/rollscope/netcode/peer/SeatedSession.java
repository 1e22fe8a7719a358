package org.rollscope.netcode.peer;

import java.time.Duration;
import java.util.List;
import org.json.JSONObject;
import org.rollscope.netcode.engine.AdvanceResult;
import org.rollscope.netcode.engine.FrameRunner;
import org.rollscope.netcode.engine.RollbackSession;
import org.rollscope.netcode.engine.SessionConfig;
import org.rollscope.netcode.engine.SessionEvent;
import org.rollscope.netcode.game.Game;
import org.rollscope.netcode.game.bot.Bot;
import org.rollscope.netcode.game.bot.Bots;
import org.rollscope.netcode.protocol.EndpointEvent;
import org.rollscope.netcode.protocol.PeerEndpoint;
import org.rollscope.netcode.protocol.PingResponder;
import org.rollscope.netcode.transport.ChannelState;
import org.rollscope.netcode.transport.HealthReading;
import org.rollscope.netcode.transport.ImpairedTransport;
import org.rollscope.netcode.transport.LinkProfile;
import org.rollscope.netcode.transport.TransportSelector;
import org.rollscope.netcode.wire.MalformedPacketException;
import org.rollscope.netcode.wire.Message;
import org.rollscope.netcode.wire.RejectCounters;
import org.rollscope.netcode.wire.WireCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One seat's play once both seats are known: the rollback session and its game, the peer-to-peer channel and its
 * policy, and the relay path, stepped together once per frame by {@link HeadlessPeer}'s loop. Everything here runs
 * on that loop's thread; nothing blocks.
 */
final class SeatedSession {
    private static final Logger LOG = LoggerFactory.getLogger(SeatedSession.class);

    private final SeatServer relay;
    private final ImpairedTransport transport;
    private final LoopClock clock;
    private final PeerEndpoint endpoint;
    private final TransportSelector selector;
    private final RollbackSession session;
    private final FrameRunner runner;
    private final Bot bot;
    private final InputRouter router;
    private final EpisodeUploader uploader;
    private final P2pLink link;
    private final SeatRules rules;
    private final ChannelSignalling signalling;
    private final TelemetryReporter reporter;
    private final RelayHealth relayHealth;
    private final RejectCounters relayPacketRejects = new RejectCounters();
    /** A slot of the reference game's snapshot whose change alters every later hash (the ball's x position). */
    private static final int BALL_X_SLOT = 3;

    private final RelayInputIntake relayInputs;
    private final PartnerWatch partnerWatch;
    private long framesAdvanced;
    private boolean endedReported;
    private boolean partnerGone;

    SeatedSession(PeerConfig config, SeatServer relay, P2pLink link, SeatRules rules, LoopClock clock, int localIndex,
                  String localId, String remoteId, long gameSeed) {
        this.relay = relay;
        this.link = link;
        this.rules = rules;
        this.transport = link.channel();
        this.clock = clock;
        Game game = rules.game();
        this.endpoint = new PeerEndpoint(config.p2pFailAfter(), true);
        // The other peer's RTT must measure the link, not our loop: PINGs are answered by the receiving thread.
        transport.answerOnArrival(PingResponder::replyTo, transport::send);
        this.selector = new TransportSelector(config.thresholds());
        if (rules.latchFallback()) {
            selector.latchFallback();
        }
        this.session = new RollbackSession(SessionConfig.builder().inputDelay(config.inputDelay())
                .actionCount(game.actionCount()).defaultAction(rules.defaultAction()).episodes(config.episodes())
                .fps(config.fps()).episodeStartTimeout(rules.episodeStartTimeout()).build(), localIndex,
                game.snapshotSize());
        this.relayInputs = new RelayInputIntake(session);
        this.runner = new FrameRunner(game, gameSeed);
        this.bot = Bots.parse(config.bot(), config.botSeed() != null ? config.botSeed() : gameSeed, localIndex,
                game.actionCount());
        RelayHealth relayHealth = new RelayHealth();
        this.router = new InputRouter(endpoint, relay, relayHealth);
        this.uploader = new EpisodeUploader(relay, config.exportDir(), "player" + localId);
        this.signalling = link.signalling();
        this.reporter = new TelemetryReporter(config, this, relay, relayHealth);
        this.relayHealth = relayHealth;
        this.partnerWatch = new PartnerWatch(rules.partnerTimeout());
        relay.onRoundTrip(relayHealth::onRoundTrip);
    }

    /** One frame of the loop. */
    void tick(long nowMs) {
        if (partnerGone) {
            tickAfterPartnerGone(nowMs);
            return;
        }
        if (!transport.isOpen() && endpoint.state() != ChannelState.CLOSED) {
            endpoint.close();
            relay.sendConnectionLost(session.frame());
        }
        transport.drainArrivals((d, arrivedNanos) -> endpoint.onDatagram(d, clock.toMs(arrivedNanos)));
        endpoint.onTick(clock.preciseNowMs());
        endpoint.drainOutgoing(transport::send); // a PING leaves at the time it carries, not after the frame's work
        endpoint.drainEvents(this::onEndpointEvent);
        endpoint.drainMessages(m -> onPeerMessage(m, nowMs));
        relayInputs.releaseHeld(nowMs);
        publish(selector.update(new HealthReading(endpoint.state(), endpoint.rttMs(), endpoint.gapRate(nowMs),
                transport.bufferedBytes()), nowMs));
        selector.onRelayConfirmed(relayHealth.newestAckedSendMs());
        Double rtt = endpoint.rttMs() != null ? endpoint.rttMs() : relayHealth.rttMs();
        if (rtt != null) {
            session.setRttMs(rtt);
        }
        if (rules.mayPlay().getAsBoolean()) {
            advance(nowMs);
        }
        session.drainOutgoing(m -> {
            if (rules.verifyHashes() || !(m instanceof Message.StateHash)) {
                router.route(m, selector.mode(), endpoint.state(), session.episode(), nowMs);
            }
        });
        router.endTick(selector.mode(), session.episode(), nowMs);
        session.drainConfirmed(uploader::onConfirmed);
        session.drainEvents(e -> onSessionEvent(e, nowMs));
        if (session.state() != RollbackSession.State.FINISHED && partnerWatch.isGone(session.episode(),
                session.confirmedFrame(), session.state(), nowMs)) {
            onPartnerGone(nowMs);
            return;
        }
        endpoint.drainOutgoing(transport::send);
        uploader.poll(nowMs);
        signalling.onTick(nowMs);
        reporter.onTick(nowMs);
        if (finished() && !endedReported) {
            endedReported = true;
            relay.sendPeerEvent("ended", new JSONObject().put("episodes", session.episodesCompleted()));
        }
    }

    private void advance(long nowMs) {
        if (session.state() == RollbackSession.State.RUNNING) {
            session.addLocalInput(bot.action(session.episode(), session.localInputFrame()));
        }
        long started = System.nanoTime();
        AdvanceResult result = session.advanceFrame(nowMs);
        runner.run(result, session, nowMs);
        reporter.onStepTime(System.nanoTime() - started);
        if (result.advanced()) {
            framesAdvanced++;
        }
    }

    /** A message from the other peer, by P2P or relayed: hashes of a game we only stand in for are not ours to check. */
    private void onPeerMessage(Message m, long nowMs) {
        if (m instanceof Message.StateHash && !rules.verifyHashes()) {
            return;
        }
        if (m instanceof Message.EpisodeEnd end) {
            rules.remoteEpisodeEnd().accept(end);
        }
        session.onMessage(m, nowMs);
    }

    /** Handles what the relay said (on the loop thread). */
    void onRelay(RelayInbound message, long nowMs) {
        if (message instanceof RelayInbound.RemoteAction a) {
            relayInputs.onInput(a, nowMs);
        } else if (message instanceof RelayInbound.P2pPacket p) {
            try {
                onPeerMessage(WireCodec.decode(p.data()), nowMs);
            } catch (MalformedPacketException e) {
                relayPacketRejects.count(e);
            }
        } else if (message instanceof RelayInbound.Signal s) {
            signalling.onSignal(s);
        } else if (message instanceof RelayInbound.Command c) {
            onCommand(c, nowMs);
        }
    }

    /** See {@link HeadlessPeer#corruptStateAt}: one sub-pixel of the ball's x position, as in the engine's tests. */
    void corruptStateAt(int episode, int frame) {
        runner.corruptAt(episode, frame, state -> state[BALL_X_SLOT] += 1);
    }

    /**
     * True once every episode was played, or the partner was gone, and the relay acknowledged every episode's data
     * (the partial one included).
     */
    boolean finished() {
        return (session.state() == RollbackSession.State.FINISHED || partnerGone) && uploader.pendingCount() == 0;
    }

    /**
     * The partner said it left the game (MUG's {@code p2p_game_ended} with {@code scene_completed}: its page finished
     * and moved on): what is still in flight gets {@code grace} to arrive, then the episode in play ends at its
     * confirmed frame as when the partner is gone. A session already finished is not affected.
     */
    void partnerLeft(Duration grace) {
        partnerWatch.shortenTo(grace);
    }

    /** True once the partner was gone for the partner timeout (see {@link PartnerWatch}). */
    boolean partnerGone() {
        return partnerGone;
    }

    /**
     * The partner is gone: the episode in play ends here, its confirmed frames are uploaded marked partial, play
     * stops, and the P2P channel closes (nobody is listening). Between episodes there is nothing to upload: the last
     * episode ended whole and was uploaded then.
     */
    private void onPartnerGone(long nowMs) {
        partnerGone = true;
        boolean inEpisode = session.state() == RollbackSession.State.RUNNING;
        LOG.warn("player {}: no progress from the partner for {} ms; ending episode {} at confirmed frame {}{}",
                relay.playerId(), partnerWatch.stillForMs(nowMs), session.episode(), session.confirmedFrame(),
                inEpisode ? " (uploading it as partial)" : "");
        if (inEpisode) {
            uploader.onEpisodeEnded(session.episode(), nowMs, true);
        }
        relay.sendPeerEvent(org.rollscope.netcode.observer.SessionEvent.KIND_PARTNER_GONE, new JSONObject().put("episode", session.episode())
                .put("confirmed_frame", session.confirmedFrame()).put("waited_ms", partnerWatch.stillForMs(nowMs))
                .put("partial_episode", inEpisode));
        endpoint.close();
        transport.close();
    }

    /** After the partner was gone: only the partial upload, telemetry and the final event are left to do. */
    private void tickAfterPartnerGone(long nowMs) {
        uploader.poll(nowMs);
        reporter.onTick(nowMs);
        if (finished() && !endedReported) {
            endedReported = true;
            relay.sendPeerEvent("ended", new JSONObject().put("episodes", session.episodesCompleted())
                    .put("partner_gone", true));
        }
    }

    RollbackSession session() { return session; }
    PeerEndpoint endpoint() { return endpoint; }
    TransportSelector selector() { return selector; }
    ImpairedTransport transport() { return transport; }
    P2pLink link() { return link; }
    InputRouter router() { return router; }
    EpisodeUploader uploader() { return uploader; }
    TelemetryReporter reporter() { return reporter; }
    long framesAdvanced() { return framesAdvanced; }
    long staleRelayInputs() { return relayInputs.staleCount(); }

    /** Moves inputs to the relay until restored (or, with a latched fallback, for the rest of the game). */
    void forceFallback(long nowMs) {
        publish(selector.force(nowMs));
    }

    private void onCommand(RelayInbound.Command c, long nowMs) {
        switch (c.command()) {
            case "force_fallback" -> {
                forceFallback(nowMs);
                c.reply().reply(true, null);
            }
            case "restore_p2p" -> {
                publish(selector.restore(endpoint.state(), nowMs));
                c.reply().reply(true, null);
            }
            case "set_link" -> {
                try {
                    JSONObject a = c.args();
                    transport.setProfile(new LinkProfile(a.optDouble("latency_ms", 0), a.optDouble("jitter_ms", 0),
                            a.optDouble("loss", 0), a.optDouble("duplicate", 0), a.optDouble("reorder", 0),
                            a.optDouble("bandwidth_kbps", 0)));
                    c.reply().reply(true, null);
                } catch (IllegalArgumentException e) {
                    c.reply().reply(false, "invalid_link: " + e.getMessage());
                }
            }
            default -> c.reply().reply(false, "unknown_command: " + c.command());
        }
    }

    private void onEndpointEvent(EndpointEvent e) {
        if (e instanceof EndpointEvent.RoundTrip rt) {
            selector.onP2pConfirmed((long) rt.sentAtMs());
        } else if (e instanceof EndpointEvent.StateChanged sc) {
            LOG.info("player {}: P2P channel {} -> {}", relay.playerId(), sc.from(), sc.to());
        }
    }

    private void onSessionEvent(SessionEvent e, long nowMs) {
        if (e instanceof SessionEvent.EpisodeEnded ended) {
            uploader.onEpisodeEnded(ended.episode(), nowMs);
            relay.sendPeerEvent("episode_end", new JSONObject().put("episode", ended.episode())
                    .put("frames", ended.frames()).put("unconfirmed_frames", ended.unconfirmedFrames()));
        } else if (e instanceof SessionEvent.EpisodeStarted) {
            endpoint.onEpisodeStart();
        } else if (e instanceof SessionEvent.Desync d) {
            LOG.warn("player {}: {}", relay.playerId(), d);
            relay.sendPeerEvent("desync", new JSONObject().put("episode", d.episode()).put("frame", d.frame())
                    .put("local_hash", String.format("%016x", d.localHash()))
                    .put("remote_hash", String.format("%016x", d.remoteHash())));
        } else if (!(e instanceof SessionEvent.Rollback)) {
            LOG.warn("player {}: {}", relay.playerId(), e);
        }
    }

    private void publish(List<TransportSelector.Switch> switches) {
        for (TransportSelector.Switch s : switches) {
            LOG.info("player {}: inputs {} -> {} ({})", relay.playerId(), s.from().wireName(), s.to().wireName(),
                    s.reason().wireName());
            relay.sendPeerEvent(s.kind(), new JSONObject().put("reason", s.reason().wireName())
                    .put("from", s.from().wireName()).put("to", s.to().wireName()));
        }
    }
}
