package org.rollscope.netcode.peer;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.json.JSONArray;
import org.json.JSONObject;
import org.rollscope.netcode.game.StandInGame;
import org.rollscope.netcode.game.bot.Bots;
import org.rollscope.netcode.health.PeerSample;
import org.rollscope.netcode.transport.ChannelKind;
import org.rollscope.netcode.transport.ChannelState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Rollscope peer as a participant of a real MUG experiment (mug-browser.md §2): it creates a subject, registers,
 * pings every second, advances past static scenes, joins the two-human game scene (answering the matchmaker's RTT
 * probe when the scene sets one, {@link ProbeHandshake}), connects MUG's WebRTC channel
 * (MUG's offerer rule; validation over the channel), plays with a bot at the scene's settings, falls back to
 * Socket.IO with MUG's latch, sends each episode's data, completes the game and advances to the next scene; it ends
 * at MUG's end scene. It never runs the experiment's Python environment: it plays by the frame counter
 * ({@link StandInGame}), which is enough for episodes that end by steps or by the human page's episode messages.
 *
 * <p>Threads: one loop thread ({@code mug-peer-N}) runs the flow every 50 ms and, during the game, the seat at the
 * scene's frame rate; the Socket.IO thread only queues events. Public methods may be called from any thread.
 */
public final class MugParticipant implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MugParticipant.class);
    private static final AtomicInteger LOOP_NUMBER = new AtomicInteger();
    /** The flow's own pace: well under a second for every step a human would take. */
    private static final long FLOW_PERIOD_MS = 50;
    /** MUG's page pings this often (index.js sendPing). */
    private static final long PING_PERIOD_MS = 1_000;
    /** A MUG page waits this long for its partner's EPISODE_READY, then starts anyway (waitForP2PEpisodeStart). */
    static final Duration PAGE_EPISODE_START_WAIT = Duration.ofSeconds(5);
    /**
     * After the partner's page finished the game and moved on (p2p_game_ended, scene_completed): how long its last
     * inputs still in flight may take before the episode in play ends at its confirmed frame.
     */
    static final Duration PARTNER_LEFT_GRACE = Duration.ofSeconds(2);

    private final PeerConfig base;
    private final MugGameClient client;
    private final ScheduledExecutorService loop;
    private final CompletableFuture<MugResult> finished = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private final LoopClock clock = new LoopClock();
    private final List<MugGameClient.Event> early = new ArrayList<>();
    private final ProbeHandshake probes;
    private ScheduledFuture<?> seatTicks;
    private long nextPingMs;
    private long pingSentNanos;
    private MugScene scene;
    private StandInGame game;
    private volatile SeatedSession seat;
    private String assignedGameId;
    private Object assignedPlayer;
    private long gameSeed;
    private boolean validationSent;
    private volatile boolean validated;
    private volatile boolean started;
    private boolean completed;
    private volatile Long firstP2pInputMs;
    private volatile String phase = "connecting";
    private volatile Consumer<PeerSample> sampleSink = sample -> { };

    /**
     * @param experiment the experiment's URL (the MUG server, plus the path it is served under)
     * @param subjectId the participant id, or null for {@code rollscope-pilot-<random>}
     * @param base bot, link, ICE servers, export directory and policy thresholds; the scene decides fps, episodes,
     *             their length and the input delay
     */
    public MugParticipant(URI experiment, String subjectId, PeerConfig base) {
        this.base = base;
        this.client = new MugGameClient(experiment,
                subjectId != null ? subjectId : "rollscope-pilot-" + UUID.randomUUID().toString().substring(0, 8));
        this.probes = new ProbeHandshake(client, base.iceServers(), base.link());
        String name = "mug-peer-" + LOOP_NUMBER.incrementAndGet();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates the participant on the server and starts the flow. Returns at once; see {@link #finished()}.
     *
     * @throws IOException when MUG does not answer or refuses the subject id
     */
    public MugParticipant start() throws IOException {
        client.connect();
        loop.scheduleAtFixedRate(() -> safely(this::flow), 0, FLOW_PERIOD_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Completes at MUG's end scene; fails (with the reason) when the flow cannot go on. */
    public CompletableFuture<MugResult> finished() {
        return finished;
    }

    public String subjectId() {
        return client.subjectId();
    }

    /** Where the flow is: {@code connecting}, {@code scene <id>}, {@code waiting}, {@code validating}, ... */
    public String phase() {
        return phase;
    }

    /** The newest telemetry sample of the game, or null outside it. */
    public PeerSample latestSample() {
        SeatedSession s = seat;
        return s == null ? null : s.reporter().latest();
    }

    /**
     * Hands each of the game's telemetry samples to {@code sink} as it is built (every
     * {@link PeerConfig#telemetryInterval()}; source {@link PeerSample#SOURCE_MUG_PILOT}, the subject id, MUG's game and
     * player ids), on the participant's loop; the sink must not block. A MUG server takes
     * no Rollscope telemetry, so this is how the console shows the pilot's own card. Replaces an earlier sink.
     */
    public void onSample(Consumer<PeerSample> sink) {
        sampleSink = sink;
    }

    /** Milliseconds from {@link #start} to the first input of the other player that arrived by P2P, or null. */
    public Long firstP2pInputMs() {
        return firstP2pInputMs;
    }

    /**
     * The median RTT in ms of the newest matchmaker probe (MUG's {@code probe_*} handshake, when the scene sets
     * {@code max_p2p_rtt_ms}) as this participant measured it; null when no probe ran or it failed.
     */
    public Double probeRttMs() {
        return probes.rttMs();
    }

    /**
     * Moves this pilot's inputs to Socket.IO for the rest of the game, as MUG's own flag does on a page: latched,
     * there is no way back (mug-browser.md §1). Episode sync stays on the DataChannel while it is open, as a page's
     * does. Completes true once done on the pilot's loop, false when the pilot is in no game (or closed).
     */
    public CompletableFuture<Boolean> forceFallback() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    safely(() -> {
                        SeatedSession s = seat;
                        if (s != null) {
                            s.forceFallback(clock.nowMs());
                            done.complete(true);
                        }
                    });
                } finally {
                    done.complete(false); // no game, or it failed: a no-op once completed true
                }
            });
        } catch (RejectedExecutionException closed) {
            done.complete(false);
        }
        return done;
    }

    @Override
    public void close() {
        loop.shutdownNow();
        probes.close();
        SeatedSession s = seat;
        if (s != null) {
            s.transport().close();
        }
        client.close();
        finished.completeExceptionally(new IllegalStateException("closed before the experiment ended"));
    }

    private void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            LOG.error("MUG participant {} stopped: {}", client.subjectId(), e.toString(), e);
            fail("internal error: " + e);
        }
    }

    private long nowMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private void flow() {
        long now = nowMs();
        client.drain(this::onEvent);
        if (now >= nextPingMs && !"connecting".equals(phase)) {
            nextPingMs = now + PING_PERIOD_MS;
            pingSentNanos = System.nanoTime();
            client.ping();
        }
        if (probes.tick(now)) {
            Double rtt = probes.rttMs();
            phase = "waiting room (probe RTT " + (rtt == null ? "failed" : String.format("%.1f ms", rtt))
                    + "; MUG decides)";
        }
        SeatedSession s = seat;
        if (s == null) {
            return;
        }
        if (!validationSent && s.endpoint().state() == ChannelState.UP) {
            validationSent = true; // VALIDATION_PING/PONG done both ways over the DataChannel
            client.validationSuccess();
            phase = "validated, waiting for the partner";
        }
        if (firstP2pInputMs == null && s.session().inputsRecvP2p() > 0) {
            firstP2pInputMs = now;
            LOG.info("MUG participant {}: first P2P input after {} ms", client.subjectId(), now);
        }
        if (!completed && s.finished()) {
            completed = true;
            seatTicks.cancel(false);
            client.gameComplete(s.session().episodesCompleted(), scene.episodes());
            client.advanceScene();
            phase = "game complete";
        }
    }

    private void onEvent(MugGameClient.Event e) {
        JSONObject d = e.data();
        switch (e.name()) {
            case "connect" -> {
                client.registerSubject();
                phase = "registered";
            }
            case "server_session_id" -> client.onSessionId(d.optString("session_id", null));
            case "activate_scene" -> onScene(d);
            case "pong" -> client.onPingRtt((System.nanoTime() - pingSentNanos) / 1e6);
            case "waiting_room" -> phase = "waiting room";
            case "pyodide_player_assigned" -> {
                assignedGameId = d.optString("game_id", null);
                assignedPlayer = d.opt("player_id");
                gameSeed = d.optLong("game_seed", 0);
                client.onAssigned(assignedGameId, assignedPlayer);
            }
            case "pyodide_game_ready" -> onGameReady(d);
            case "start_game" -> started = true;
            case "p2p_validation_complete" -> {
                validated = true;
                phase = "playing";
            }
            case "p2p_validation_repool" -> onRepool();
            case "pyodide_other_player_action", "webrtc_signal" -> toSeat(e);
            case "p2p_game_ended" -> {
                if ("scene_completed".equals(d.optString("reason"))) {
                    // Its page sends nothing more: finish what arrives within the grace, store what was confirmed,
                    // then complete and advance like a page does, rather than wait for inputs that cannot come.
                    LOG.info("MUG participant {}: the partner finished the game first; ending within {} ms",
                            client.subjectId(), PARTNER_LEFT_GRACE.toMillis());
                    SeatedSession s = seat;
                    if (s != null) {
                        s.partnerLeft(PARTNER_LEFT_GRACE);
                    }
                } else {
                    fail("MUG ended the game: " + d);
                }
            }
            case "partner_excluded", "end_game" -> fail("MUG ended the game: " + e.name() + " " + d);
            case "duplicate_session", "join_game_error", "waiting_room_error" ->
                    fail("MUG refused: " + e.name() + " " + d);
            case "disconnect", "connect_error" -> {
                if (!finished.isDone()) {
                    fail("lost the MUG server: " + d.optString("reason"));
                }
            }
            case "probe_prepare" -> {
                probes.onPrepare(d);
                phase = "probing the P2P RTT";
            }
            case "probe_start" -> probes.onStart(d, nowMs());
            case "probe_signal" -> probes.onSignal(d);
            default -> LOG.debug("MUG participant {}: {} {}", client.subjectId(), e.name(), d);
        }
    }

    private void onScene(JSONObject d) {
        String type = d.optString("scene_type", "");
        String id = d.optString("scene_id", "?");
        phase = "scene " + id;
        if ("EndScene".equals(type) || "CompletionCodeScene".equals(type)) {
            LOG.info("MUG participant {}: reached the end scene {}", client.subjectId(), id);
            SeatedSession s = seat;
            finished.complete(new MugResult(client.subjectId(), client.gameId(), client.playerId(),
                    s == null ? 0 : s.uploader().storedCount(), s == null ? 0 : s.router().inputsSentP2p(),
                    s == null ? 0 : s.router().inputsSentRelay(), firstP2pInputMs,
                    s == null ? null : s.reporter().latest(), probes.rttMs()));
            return;
        }
        if (!"GymScene".equals(type)) {
            client.advanceScene(); // a static scene: nothing to answer (MUG does not check consent)
            return;
        }
        try {
            scene = MugScene.parse(d);
        } catch (MugScene.Unplayable u) {
            fail("cannot play scene " + id + ": " + u.getMessage());
            return;
        }
        try {
            Bots.parse(base.bot(), 0L, 0, scene.actionCount()); // refuse before joining, not in front of a partner
        } catch (IllegalArgumentException badBot) {
            fail("bot " + base.bot() + " cannot play scene " + id + ": " + badBot.getMessage());
            return;
        }
        LOG.info("MUG participant {}: joining scene {} ({})", client.subjectId(), id, scene);
        client.joinGame();
    }

    private void onGameReady(JSONObject d) {
        JSONArray ids = d.optJSONArray("players");
        if (ids == null || ids.length() != 2 || assignedPlayer == null || seat != null) {
            if (ids != null && ids.length() != 2) {
                fail("the game has " + ids.length() + " players; a pilot partner plays only two-player games");
            }
            return;
        }
        List<String> players = new ArrayList<>();
        ids.forEach(p -> players.add(String.valueOf(p)));
        players.sort(null); // wire.md: the player index is the position among the ids sorted as strings
        String localId = String.valueOf(assignedPlayer);
        int localIndex = players.indexOf(localId);
        String remoteId = players.get(1 - localIndex);
        Map<String, String> subjects = new LinkedHashMap<>();
        JSONObject ps = d.optJSONObject("player_subjects");
        if (ps != null) {
            ps.keySet().forEach(k -> subjects.put(k, String.valueOf(ps.get(k))));
        }
        client.onGame(scene.sceneId(), players, subjects);
        PeerConfig config = base.toBuilder().fps(scene.fps()).episodes(scene.episodes())
                .framesPerEpisode(scene.maxSteps()).inputDelay(scene.inputDelay()).channel(ChannelKind.WEBRTC).build();
        game = new StandInGame(scene.actionCount(), scene.maxSteps());
        SeatRules rules = new SeatRules(game, scene.defaultAction(), false, true, () -> validated && started,
                end -> game.endAt(end.episode(), end.frame()), Duration.ZERO, PAGE_EPISODE_START_WAIT);
        P2pLink link = P2pLink.open(ChannelKind.WEBRTC, config.iceServers(), null, config.link(), client, localId,
                remoteId, false, null);
        seat = new SeatedSession(config, client, link, rules, clock, localIndex, localId, remoteId, gameSeed);
        seat.reporter().listen(sample -> sampleSink.accept(
                sample.withSource(PeerSample.SOURCE_MUG_PILOT, client.subjectId(), List.of(), List.of())));
        phase = "validating";
        LOG.info("MUG participant {}: game {} ready, player {} (index {}) against {}", client.subjectId(),
                assignedGameId, localId, localIndex, remoteId);
        long periodNanos = 1_000_000_000L / scene.fps();
        seatTicks = loop.scheduleAtFixedRate(() -> safely(() -> seat.tick(clock.nowMs())), periodNanos, periodNanos,
                TimeUnit.NANOSECONDS);
        early.forEach(this::toSeat);
        early.clear();
    }

    private void toSeat(MugGameClient.Event e) {
        SeatedSession s = seat;
        if (s == null) {
            early.add(e); // a signal that raced the game-ready event
            return;
        }
        JSONObject d = e.data();
        if (!String.valueOf(d.opt("game_id")).equals(assignedGameId) && d.has("game_id")) {
            return; // a page drops signals for another game; so do we
        }
        if ("webrtc_signal".equals(e.name())) {
            s.onRelay(new RelayInbound.Signal(String.valueOf(d.opt("from_player_id")), d.optString("type"),
                    d.optJSONObject("payload")), clock.nowMs());
        } else {
            s.onRelay(new RelayInbound.RemoteAction(String.valueOf(d.opt("player_id")), d.optInt("frame_number"),
                    d.optInt("action"), -1), clock.nowMs());
        }
    }

    /** The pair did not validate its channel in time: MUG matches again; start over. */
    private void onRepool() {
        LOG.warn("MUG participant {}: MUG re-pooled the game (the channel did not validate in time)",
                client.subjectId());
        if (seatTicks != null) {
            seatTicks.cancel(false);
        }
        SeatedSession s = seat;
        if (s != null) {
            s.transport().close();
        }
        seat = null;
        validationSent = false;
        validated = false;
        started = false;
        assignedPlayer = null;
        phase = "waiting room";
    }

    private void fail(String reason) {
        if (finished.completeExceptionally(new IllegalStateException(reason))) {
            LOG.error("MUG participant {}: {}", client.subjectId(), reason);
        }
    }

    /**
     * What a participant reports at the end.
     *
     * @param firstP2pInputMs ms from start to the first input of the partner that arrived by P2P, or null
     * @param lastSample the newest telemetry sample of the game (RTTs, ICE path, transport), or null
     * @param probeRttMs the matchmaker probe's RTT as this participant measured it, or null (no probe, or it failed)
     */
    public record MugResult(String subjectId, String gameId, String playerId, int episodesStored, long inputsSentP2p,
                            long inputsSentRelay, Long firstP2pInputMs, PeerSample lastSample, Double probeRttMs) {}
}
